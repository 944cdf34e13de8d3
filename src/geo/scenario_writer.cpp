// GeoPackage scenario writer (see scenario_writer.hpp).
#include "geo/scenario_writer.hpp"

#include <cstdio>
#include <filesystem>
#include <memory>

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include "util/paths.hpp"

namespace sv::geo {
namespace {

std::unique_ptr<OGRMultiPolygon> toOgr(const MultiPolygon& mp) {
    auto out = std::make_unique<OGRMultiPolygon>();
    for (const auto& p : mp) {
        OGRPolygon poly;
        auto ring = [](const Ring& r) {
            OGRLinearRing lr;
            for (const auto& v : r) lr.addPoint(v.x, v.y);
            if (!r.empty()) lr.addPoint(r.front().x, r.front().y);
            return lr;
        };
        // addRingDirectly takes ownership (addRing would copy, and the ring handed to it would leak).
        poly.addRingDirectly(new OGRLinearRing(ring(p.outer)));
        for (const auto& h : p.holes) poly.addRingDirectly(new OGRLinearRing(ring(h)));
        out->addGeometry(&poly);
    }
    return out;
}

void setDate(OGRFeature& f, const char* field, Date d) { f.SetField(field, d.year(), d.month(), d.day()); }

// The output never replaces an input: not the scenario's own source, nothing inside a source folder, and no
// existing file other than a scenario GeoPackage (so not --regions, --places or any other file of the user's).
Status checkTarget(const LoadedMap& map, const std::string& path) {
    namespace fs = std::filesystem;
    const std::string& src = map.scenario.meta.source;
    switch (clashWithInput(path, src)) {
        case InputClash::Same: return fail(path + ": refusing to write over the input " + src + "; choose another path");
        case InputClash::InsideFolder:
            return fail(path + ": refusing to write into the input folder " + src + "; choose another path");
        case InputClash::None: break;
    }
    std::error_code ec;
    if (fs::exists(fs::symlink_status(path, ec))) {
        CPLPushErrorHandler(CPLQuietErrorHandler);
        const char* const gpkg[] = {"GPKG", nullptr};
        GDALDatasetUniquePtr old(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, gpkg, nullptr, nullptr));
        CPLPopErrorHandler();
        if (!old || !old->GetLayerByName("control"))
            return fail(path + ": exists and is not a scenario GeoPackage (it may be an input); refusing to replace it; choose another path");
    }
    return Ok{};
}

}  // namespace

Status writeScenarioGpkg(const LoadedMap& map, const std::string& path) {
    if (!map.hasScenario) return fail(path + ": nothing to write (no scenario or series loaded)");
    GDALAllRegister();
    if (auto ok = checkTarget(map, path); !ok) return ok;
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (!drv) return fail("GDAL has no GeoPackage driver");
    const std::string tmp = path + ".tmp-" + std::to_string(getpid()) + ".gpkg";
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    GDALDatasetUniquePtr ds(drv->Create(tmp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) return fail(path + ": cannot create: " + CPLGetLastErrorMsg());
    OGRSpatialReference srs;
    srs.importFromEPSG(4326);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRLayer* layer = ds->CreateLayer("control", &srs, wkbMultiPolygon, nullptr);
    if (!layer) return fail(path + ": cannot create layer 'control'");
    const std::pair<const char*, OGRFieldType> fields[] = {
        {"id", OFTString},     {"side", OFTString},   {"status", OFTString},     {"valid_from", OFTDate},
        {"valid_to", OFTDate}, {"source", OFTString}, {"confidence", OFTString}, {"note", OFTString}};
    for (const auto& [name, type] : fields) {
        OGRFieldDefn def(name, type);
        layer->CreateField(&def);
    }
    const Scenario& sc = map.scenario;
    if (ds->StartTransaction() != OGRERR_NONE) return fail(path + ": cannot start a transaction");
    for (const auto& z : sc.zones) {
        OGRFeature f(layer->GetLayerDefn());
        f.SetField("id", z.id.c_str());
        f.SetField("side", std::string(sideName(z.side)).c_str());
        f.SetField("status", std::string(statusName(z.status)).c_str());
        setDate(f, "valid_from", z.validFrom);
        if (z.validTo) setDate(f, "valid_to", *z.validTo);
        f.SetField("source", z.source.c_str());
        f.SetField("confidence", std::string(confidenceName(z.confidence)).c_str());
        f.SetField("note", z.note.c_str());
        const MultiPolygon shape = z.seriesDay >= 0 && map.series ? map.series->dayShape(static_cast<std::size_t>(z.seriesDay)) : z.shape;
        f.SetGeometryDirectly(toOgr(shape).release());
        if (layer->CreateFeature(&f) != OGRERR_NONE) return fail(path + ": cannot write feature '" + z.id + "'");
    }
    OGRLayer* meta = ds->CreateLayer("metadata", nullptr, wkbNone, nullptr);
    if (!meta) return fail(path + ": cannot create table 'metadata'");
    for (const char* name : {"key", "value"}) {
        OGRFieldDefn def(name, OFTString);
        meta->CreateField(&def);
    }
    auto row = [&](const char* k, const std::string& v) {
        OGRFeature f(meta->GetLayerDefn());
        f.SetField("key", k);
        f.SetField("value", v.c_str());
        if (meta->CreateFeature(&f) != OGRERR_NONE) CPLError(CE_Warning, CPLE_AppDefined, "metadata row '%s' not written", k);
    };
    row("title", sc.meta.title);
    row("disclaimer", sc.meta.disclaimer);
    row("start", sc.firstDate().iso());
    row("end", sc.lastDate().iso());
    row("default_date", sc.defaultDate().iso());
    row("valid_to_semantics", "valid_to is exclusive: a feature is shown for valid_from <= date < valid_to");
    if (ds->CommitTransaction() != OGRERR_NONE) return fail(path + ": cannot commit: " + CPLGetLastErrorMsg());
    ds.reset();  // closes and flushes
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        return fail(path + ": cannot write: " + ec.message());
    }
    return Ok{};
}

}  // namespace sv::geo
