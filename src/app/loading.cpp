// The loader thread's work (see loading.hpp).
#include "app/loading.hpp"

#include <filesystem>

#include "app/geo_module.hpp"
#include "model/snapshot.hpp"
#include "util/cache_files.hpp"
#include "util/paths.hpp"
#include "util/trace.hpp"

namespace sv {
namespace {

// Identifies the code that produced a snapshot: a rebuilt geo module invalidates every cached map.
std::string producerIdentity() {
    std::error_code ec;
    const auto lib = executableDir() / "libsitview-geo.so";
    const auto size = std::filesystem::file_size(lib, ec);
    const auto time = std::filesystem::last_write_time(lib, ec).time_since_epoch().count();
    return std::string(SITVIEW_VERSION) + ":" + std::to_string(size) + ":" + std::to_string(time);
}

}  // namespace

std::string builtinArticles() {
    if (auto dir = findResourceDir("assets")) {
        const auto p = *dir / "articles";
        std::error_code ec;
        if (std::filesystem::is_directory(p, ec)) return p.string();
    }
    return {};
}

void loadTransforms(const std::string& crs, LoadResult& out) {
    auto api = geoModule();
    if (!api) return;
    if (auto t = (*api)->transform(crs, "EPSG:4326")) out.toLonLat = std::move(*t);
    if (auto t = (*api)->transform("EPSG:4326", crs)) out.fromLonLat = std::move(*t);
}

LoadResult loadEverything(const LoadRequest& req) {
    LoadResult out;
    const auto cachePath = req.useCache ? snapshotPath(req.sources, producerIdentity()) : std::nullopt;
    if (cachePath)
        if (auto snap = readSnapshot(*cachePath)) {
            out.map = std::move(*snap);
            cache::touch(*cachePath);  // (used now: pruned last)
        }
    const bool hit = out.map.timings.fromCache;
    traceMark(hit ? "loader: prepared data read from the cache" : "loader: cache miss");
    if (!hit) {
        auto api = geoModule();
        traceMark("loader: geo module loaded");
        if (!api) {
            out.map.errors.push_back(api.error());
            return out;
        }
        out.map = (*api)->loadMap(req.sources, req.progress);
        if (cachePath && out.map.errors.empty()) {
            if (auto ok = writeSnapshot(*cachePath, out.map); !ok)
                out.map.warnings.push_back("prepared-data cache not written: " + ok.error());
            else
                cache::afterWrite(*cachePath);  // (the folder kept to its size)
        }
    }
    if (!hit || req.wantTransforms) loadTransforms(req.sources.crs, out);
    ArticleSet articles = loadArticles(req.articleFolders);
    out.reporting = std::make_unique<Reporting>(linkArticles(std::move(articles), Gazetteer::build(out.map.data)));
    traceMark("loader: articles linked");
    return out;
}

}  // namespace sv
