// The map's look: colours and sizes in one place, shared by the renderer, the legend and the pixel tests.
#pragma once
#include <cstdint>

#include "model/map_data.hpp"
#include "model/scenario.hpp"

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

// Control zones: the fill by side and status; hatched fills (stripe spacing in px) mark the less certain kinds.
struct ZoneStyle {
    Rgba fill;
    float hatchPx;  // 0: solid
    const char* label;
};

constexpr ZoneStyle zone(Side side, ControlStatus status) {
    if (side == Side::Contested) return {{235, 150, 40, 150}, 7.0f, "contested"};
    if (side == Side::Ua) return {{50, 110, 210, 90}, 0.0f, "Ukrainian-held"};
    switch (status) {
        case ControlStatus::Occupied: return {{205, 45, 45, 115}, 0.0f, "Russian-occupied"};
        case ControlStatus::AssessedAdvance: return {{215, 60, 45, 150}, 6.0f, "assessed Russian advance"};
        case ControlStatus::Claimed: return {{225, 110, 150, 160}, 9.0f, "claimed by Russia"};
        case ControlStatus::Pre2022: return {{135, 35, 45, 125}, 0.0f, "held by Russia before 2022"};
    }
    return {{205, 45, 45, 115}, 0.0f, "Russian-occupied"};
}

inline constexpr Rgba kZoneOutline{150, 30, 30, 160};
inline constexpr Rgba kGain{150, 0, 0, 110};       // gained by Russia since the previous keyframe
inline constexpr Rgba kGainLine{140, 0, 0};
inline constexpr Rgba kLoss{30, 100, 210, 110};    // given up by Russia since the previous keyframe
inline constexpr Rgba kLossLine{25, 80, 190};
inline constexpr float kChangeHatchPx = 5.0f;
inline constexpr Rgba kFrontLine{110, 0, 0};
inline constexpr Rgba kFrontCasing{255, 255, 255, 200};
inline constexpr float kFrontLinePx = 3.5f;
inline constexpr Rgba kEventFill{110, 50, 170};

// Siege rings: the ring shows the state.
inline constexpr Rgba kSiegeActive{215, 25, 25};    // encircled / under attack (pulses)
inline constexpr Rgba kSiegeHeld{30, 100, 205};     // the city held
inline constexpr Rgba kSiegeFell{40, 40, 40};       // the city fell
inline constexpr Rgba kSiegeLifted{30, 150, 80};    // the siege was lifted
inline constexpr int kSiegeAfterDays = 10;          // the final state stays visible this long after the end
inline constexpr int kEventDays = 7;                // events stay on the map this long, fading

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
