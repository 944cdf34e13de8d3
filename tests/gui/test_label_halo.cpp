// Label halos (ui/fonts.hpp, ui/map_labels.cpp): each halo glyph is its label glyph's coverage dilated by the halo's
// radius, checked here texel by texel against a brute-force dilation of the label glyph; and a label costs two draws
// of its glyphs with the halo font instead of five with offset copies. No GL is needed: the atlases are built on the
// CPU and the draw lists are only counted.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>
#include <thread>

#include <imgui.h>

#include "model/map_data.hpp"
#include "support.hpp"
#include "ui/fonts.hpp"
#include "ui/map_labels.hpp"
#include "view/view_state.hpp"

namespace {

struct Texels {
    const unsigned char* px;
    int stride, x0, y0, w, h;
    int at(int x, int y) const {  // 0 outside the glyph's rectangle
        if (x < 0 || y < 0 || x >= w || y >= h) return 0;
        return px[static_cast<std::size_t>(y0 + y) * static_cast<std::size_t>(stride) + static_cast<std::size_t>(x0 + x)];
    }
};

Texels texelsOf(const ImFontGlyph& g, const unsigned char* px, int texW, int texH) {
    const auto x0 = static_cast<int>(std::lround(g.U0 * static_cast<float>(texW)));
    const auto y0 = static_cast<int>(std::lround(g.V0 * static_cast<float>(texH)));
    const auto x1 = static_cast<int>(std::lround(g.U1 * static_cast<float>(texW)));
    const auto y1 = static_cast<int>(std::lround(g.V1 * static_cast<float>(texH)));
    return {px, texW, x0, y0, x1 - x0, y1 - y0};
}

const sv::ui::Fonts& builtFonts() {
    sv::ui::startFontAtlas(1.0f, true);
    sv::ui::waitFontAtlas();
    return sv::ui::fonts();
}

}  // namespace

TEST_CASE("a halo glyph is its label glyph dilated by the halo radius, in the glyph's own metrics") {
    const auto& f = builtFonts();
    REQUIRE(f.label != nullptr);
    REQUIRE(f.labelHalo != nullptr);
    ImFontAtlas* main = sv::ui::fontAtlas();
    ImFontAtlas* halo = sv::ui::haloAtlas();
    REQUIRE(main->TexPixelsAlpha8 != nullptr);  // (no renderer here has uploaded and dropped it)
    REQUIRE(halo->TexPixelsAlpha8 != nullptr);
    CHECK(f.labelHalo->ContainerAtlas == halo);
    CHECK(f.labelHalo->FontSize == f.label->FontSize);

    const float radius = sv::ui::kLabelHaloPx;
    const int ovH = f.label->ConfigData->OversampleH, ovV = f.label->ConfigData->OversampleV;
    REQUIRE(ovH >= 1);
    REQUIRE(ovV >= 1);
    // Halo glyphs exist for Latin (with Latin-1 and Extended-A) and punctuation, the scripts labels are written in.
    const ImFontGlyph* zhe = f.labelHalo->FindGlyphNoFallback(ImWchar(0x0416));  // Ж: the label font has it
    REQUIRE(f.label->FindGlyphNoFallback(ImWchar(0x0416)) != nullptr);
    CHECK((zhe == nullptr || !zhe->Visible));
    for (const ImWchar c : {ImWchar('H'), ImWchar('o'), ImWchar('y'), ImWchar('W'), ImWchar(0x0130) /* İ */, ImWchar(0x2019) /* ’ */}) {
        INFO("codepoint " << int(c));
        const ImFontGlyph* g = f.label->FindGlyphNoFallback(c);
        const ImFontGlyph* h = f.labelHalo->FindGlyphNoFallback(c);
        REQUIRE(g != nullptr);
        REQUIRE(h != nullptr);
        CHECK(h->AdvanceX == g->AdvanceX);  // the halo lays out exactly as the text it sits under
        // The halo's box holds the glyph's with at least the radius all round, and not much more.
        CHECK(h->X0 <= g->X0 - radius);
        CHECK(h->X1 >= g->X1 + radius);
        CHECK(h->Y0 <= g->Y0 - radius);
        CHECK(h->Y1 >= g->Y1 + radius);
        CHECK(h->X0 >= g->X0 - radius - 1.5f);
        CHECK(h->Y1 <= g->Y1 + radius + 1.5f);

        const Texels src = texelsOf(*g, main->TexPixelsAlpha8, main->TexWidth, main->TexHeight);
        const Texels dst = texelsOf(*h, halo->TexPixelsAlpha8, halo->TexWidth, halo->TexHeight);
        // The halo's texels per pixel are the glyph's: its rectangle is the glyph's grown by whole texels.
        const int mx = static_cast<int>(std::lround((g->X0 - h->X0) * static_cast<float>(ovH)));
        const int my = static_cast<int>(std::lround((g->Y0 - h->Y0) * static_cast<float>(ovV)));
        REQUIRE(dst.w == src.w + 2 * mx);
        REQUIRE(dst.h == src.h + 2 * my);
        int inside = 0, empty = 0, inkOutside = 0, tooMuch = 0, tooLittle = 0;
        for (int y = 0; y < dst.h; ++y)
            for (int x = 0; x < dst.w; ++x) {
                // Brute force: the most ink within radius − ½ pixel (the halo is at least that) and within radius + ½
                // (at most that: nothing reaches further).
                int near = 0, reach = 0;
                for (int sy = 0; sy < src.h; ++sy)
                    for (int sx = 0; sx < src.w; ++sx) {
                        const int v = src.at(sx, sy);
                        if (!v) continue;
                        const double d = std::hypot(double(x - mx - sx) / ovH, double(y - my - sy) / ovV);
                        if (d <= radius - 0.5) near = std::max(near, v);
                        if (d < radius + 0.5) reach = std::max(reach, v);
                    }
                const int got = dst.at(x, y);
                inkOutside += got < src.at(x - mx, y - my);  // the ink lies inside its halo
                tooLittle += got < near;
                tooMuch += got > reach;
                inside += near > 0;
                empty += reach == 0;
            }
        CHECK(inkOutside == 0);
        CHECK(tooLittle == 0);
        CHECK(tooMuch == 0);
        CHECK(inside > src.w * src.h / 4);  // (both kinds of texel were seen)
        CHECK(empty > 0);
    }
}

TEST_CASE("labels: with the halo font each label's glyphs are drawn twice (halo, text), without it five times") {
    const auto& f = builtFonts();
    REQUIRE(f.labelHalo != nullptr);
    ImGuiContext* ctx = ImGui::CreateContext(sv::ui::fontAtlas());
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(800, 600);
    io.IniFilename = nullptr;
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(intptr_t{1}));

    sv::MapData data;
    sv::Place p;
    p.id = "x", p.name = "Kyiv", p.kind = sv::PlaceKind::Capital, p.pos = {0, 0};
    data.places.push_back(p);
    p.id = "y", p.name = "Odesa", p.kind = sv::PlaceKind::City, p.pos = {-200000, -300000};
    data.places.push_back(p);
    sv::ViewState view;
    view.camera.setViewport(800, 600);
    view.camera.setCenter({-100000, -150000});
    view.camera.setScale(800.0 / 1e6);  // both places well inside
    const int glyphs = 4 + 5;  // "Kyiv", "Odesa": every letter has ink

    auto quadsDrawn = [&](ImTextureID haloTex) {
        sv::ui::haloAtlas()->SetTexID(haloTex);
        ImGui::NewFrame();
        ImDrawList* dl = ImGui::GetBackgroundDrawList();
        const int before = dl->VtxBuffer.Size;
        const auto stats = sv::ui::drawMapLabels(dl, view, data);
        CHECK(stats.placed == 2);
        const int quads = (dl->VtxBuffer.Size - before) / 4;
        // With the halo font: the halos first, in one command on the halo texture, then the texts on the atlas's.
        int haloCmds = 0;
        for (const auto& cmd : dl->CmdBuffer) haloCmds += cmd.ElemCount > 0 && haloTex && cmd.TextureId == haloTex;
        ImGui::EndFrame();
        return std::pair{quads, haloCmds};
    };
    const auto [withHalo, haloCmds] = quadsDrawn(reinterpret_cast<ImTextureID>(intptr_t{2}));
    CHECK(withHalo == 2 * glyphs);
    CHECK(haloCmds == 1);
    const auto [withoutHalo, none] = quadsDrawn(nullptr);  // not uploaded: the four offset copies
    CHECK(withoutHalo == 5 * glyphs);
    CHECK(none == 0);
    // A label in a script the halo font leaves out (Cyrillic) keeps the offset halo; the other one draws twice.
    data.places[1].name = "Одеса";
    const auto [mixed, mixedCmds] = quadsDrawn(reinterpret_cast<ImTextureID>(intptr_t{2}));
    CHECK(mixed == 2 * 4 + 5 * 5);
    CHECK(mixedCmds == 1);
    sv::ui::haloAtlas()->SetTexID(nullptr);
    ImGui::DestroyContext(ctx);
}

TEST_CASE("fonts too large for a halo texture keep the offset halos, with a warning, and the render still succeeds") {
    // Label font 13 × 6 × 4 = 312 px: its halo glyphs would need a texture over 4096 texels a side.
    const auto out = svtest::tempDir() / "huge-halo.png";
    const auto r = svtest::runSitview("--screenshot " + out.string() + " --size 320x200 --ui-scale 6 --present --present-scale 4");
    INFO(r.err);
    CHECK(r.status == 0);
    CHECK(r.err.find("sitview: warning: label halo glyphs need a ") != std::string::npos);
    CHECK(r.err.find(" texture; drawing halos as offset copies instead") != std::string::npos);
    CHECK(std::filesystem::file_size(out) > 0);
}

TEST_CASE("deferFontAtlas: the atlas is built by the thread that runs the returned job, and waitFontAtlas waits for it") {
    // The app hands this job to the loader's thread (App::startLoading): nothing may be built before it runs, and
    // the first ImGui frame must not start before it is done.
    auto job = sv::ui::deferFontAtlas(1.0f, true);
    REQUIRE(job);
    ImFontAtlas* atlas = sv::ui::fontAtlas();  // (the atlas being built: ImGui::CreateContext only keeps the pointer)
    REQUIRE(atlas != nullptr);
    CHECK(atlas->TexPixelsAlpha8 == nullptr);
    CHECK(sv::ui::fonts().label == nullptr);
    CHECK_FALSE(sv::ui::deferFontAtlas(1.0f, true));  // one atlas: a second request gets no job
    std::thread builder([&job] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));  // (waitFontAtlas below must really wait)
        job();
    });
    sv::ui::waitFontAtlas();
    CHECK(atlas->TexPixelsAlpha8 != nullptr);
    CHECK(sv::ui::fonts().label != nullptr);
    CHECK(sv::ui::fonts().label->ContainerAtlas == atlas);
    builder.join();
}
