// The map's look: colours and sizes in one place, shared by the renderer, the legend and the pixel tests.
#pragma once
#include <cstdint>

#include "model/map_data.hpp"

namespace sv {

struct Rgba {
    uint8_t r, g, b, a = 255;
    constexpr float rf() const { return r / 255.f; }
    constexpr float gf() const { return g / 255.f; }
    constexpr float bf() const { return b / 255.f; }
    constexpr float af() const { return a / 255.f; }
    constexpr uint32_t packed() const { return uint32_t(r) | uint32_t(g) << 8 | uint32_t(b) << 16 | uint32_t(a) << 24; }
};

namespace style {

inline constexpr Rgba kBackground{214, 226, 236};  // sea and beyond the data
inline constexpr Rgba kContextFill{236, 233, 226};
inline constexpr Rgba kContextLine{170, 164, 154};
inline constexpr Rgba kRegionFill{250, 248, 242};
inline constexpr Rgba kRegionLine{150, 143, 132};
inline constexpr Rgba kNationalBorder{80, 76, 70};
inline constexpr Rgba kOverlayFill{60, 120, 200, 70};
inline constexpr Rgba kOverlayLine{40, 90, 170};
inline constexpr Rgba kLabelText{30, 30, 30};
inline constexpr Rgba kLabelHalo{255, 255, 255, 220};
inline constexpr Rgba kRegionLabelText{120, 112, 100};
inline constexpr Rgba kMarkerRing{255, 255, 255};
inline constexpr Rgba kSelection{255, 170, 0};

inline constexpr float kContextLinePx = 1.0f;
inline constexpr float kRegionLinePx = 1.0f;
inline constexpr float kNationalBorderPx = 2.0f;
inline constexpr float kMarkerRingPx = 1.5f;

struct MarkerStyle {
    Rgba fill;
    float radiusPx;
};

constexpr MarkerStyle marker(PlaceKind kind) {
    switch (kind) {
        case PlaceKind::Capital: return {{20, 33, 61}, 7.0f};
        case PlaceKind::OblastCentre: return {{45, 45, 45}, 4.5f};
        case PlaceKind::City: return {{70, 70, 70}, 3.5f};
        case PlaceKind::Town: return {{95, 95, 95}, 2.75f};
        case PlaceKind::Site: return {{100, 70, 150}, 3.5f};
    }
    return {{95, 95, 95}, 2.75f};
}

}  // namespace style
}  // namespace sv
