// GLFW's key codes, which ImGui 1.86's GLFW backend uses as indices for IsKeyPressed/IsKeyDown. Kept here so
// panels need not include GLFW; platform/window.cpp checks they match glfw3.h.
#pragma once

namespace sv::key {
inline constexpr int Space = 32;
inline constexpr int Equal = 61;  // '=' / '+' on US layouts
inline constexpr int Minus = 45;
inline constexpr int F = 70;
inline constexpr int Escape = 256;
inline constexpr int Enter = 257;
inline constexpr int Right = 262;
inline constexpr int Left = 263;
inline constexpr int Down = 264;
inline constexpr int Up = 265;
inline constexpr int PageUp = 266;
inline constexpr int PageDown = 267;
inline constexpr int Home = 268;
inline constexpr int End = 269;
inline constexpr int F1 = 290;
inline constexpr int F5 = 294;
inline constexpr int F11 = 300;
inline constexpr int KpAdd = 334;
inline constexpr int KpSubtract = 333;
inline constexpr int LeftShift = 340;
inline constexpr int RightShift = 344;
}  // namespace sv::key
