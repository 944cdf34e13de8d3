// The geo module's function table (see geo_api.hpp).
#include "geo/geo_api.hpp"

#include "geo/map_loader.hpp"
#include "geo/projection.hpp"
#include "geo/scenario_writer.hpp"
#include "geo/series_import.hpp"

namespace sv::geo {
namespace {

class ProjTransform final : public CoordTransform {
public:
    explicit ProjTransform(Projector p) : p_(std::move(p)) {}
    Vec2d apply(Vec2d v) const override { return p_.forward(v); }

private:
    Projector p_;
};

Result<std::unique_ptr<CoordTransform>> makeTransform(const std::string& from, const std::string& to) {
    auto p = Projector::create(from, to);
    if (!p) return Error{p.error()};
    return std::unique_ptr<CoordTransform>(std::make_unique<ProjTransform>(std::move(*p)));
}

const Api kApi{kApiVersion, &loadMap, &makeTransform, &seriesAreas, &writeScenarioGpkg};

}  // namespace

const Api& api() { return kApi; }

}  // namespace sv::geo

extern "C" const sv::geo::Api* sitview_geo_api() { return &sv::geo::kApi; }
