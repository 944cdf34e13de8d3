// PROJ wrapper (see projection.hpp).
#include "geo/projection.hpp"

#include <cmath>
#include <limits>
#include <string>

#include <proj.h>

namespace sv::geo {
namespace {

// PROJ's precise reasons ("crs not found: EPSG:999999") go to its log, not its errno; keep the last one per thread.
thread_local std::string tLastProjMessage;

void keepMessage(void*, int level, const char* msg) {
    if (level <= PJ_LOG_ERROR && msg) tLastProjMessage = msg;
}

std::string projReason(PJ_CONTEXT* ctx) {
    if (!tLastProjMessage.empty()) {
        std::string m = tLastProjMessage;
        // "proj_create: crs not found: EPSG:999999" → "crs not found: EPSG:999999"
        if (const auto colon = m.find(": "); colon != std::string::npos && m.compare(0, 5, "proj_") == 0) m = m.substr(colon + 2);
        return m;
    }
    const int err = proj_context_errno(ctx);
    const char* s = err ? proj_context_errno_string(ctx, err) : nullptr;
    return s ? s : "unknown CRS";
}

PJ_CONTEXT* newContext() {
    tLastProjMessage.clear();
    PJ_CONTEXT* ctx = proj_context_create();
    proj_log_level(ctx, PJ_LOG_ERROR);
    proj_log_func(ctx, nullptr, &keepMessage);
    proj_context_set_enable_network(ctx, 0);
    return ctx;
}

}  // namespace

struct Projector::Impl {
    PJ_CONTEXT* ctx = nullptr;
    PJ* pj = nullptr;
    bool identity = false;
    ~Impl() {
        if (pj) proj_destroy(pj);
        if (ctx) proj_context_destroy(ctx);
    }
};

Projector::Projector(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Projector::Projector(Projector&&) noexcept = default;
Projector& Projector::operator=(Projector&&) noexcept = default;
Projector::~Projector() = default;

Result<Projector> Projector::create(std::string_view fromCrs, std::string_view toCrs) {
    auto impl = std::make_unique<Impl>();
    impl->ctx = newContext();
    const std::string from(fromCrs), to(toCrs);
    for (const std::string* def : {&from, &to}) {
        PJ* crs = proj_create(impl->ctx, def->c_str());
        if (!crs) return fail("cannot use CRS '" + *def + "': " + projReason(impl->ctx));
        const PJ_TYPE type = proj_get_type(crs);
        proj_destroy(crs);
        if (type == PJ_TYPE_UNKNOWN || type == PJ_TYPE_ELLIPSOID || type == PJ_TYPE_DATUM_ENSEMBLE ||
            type == PJ_TYPE_GEODETIC_REFERENCE_FRAME)
            return fail("cannot use CRS '" + *def + "': not a coordinate reference system");
    }
    PJ* raw = proj_create_crs_to_crs(impl->ctx, from.c_str(), to.c_str(), nullptr);
    if (!raw)
        return fail("cannot transform from '" + from + "' to '" + to + "': " + projReason(impl->ctx));
    impl->pj = proj_normalize_for_visualization(impl->ctx, raw);
    proj_destroy(raw);
    if (!impl->pj)
        return fail("cannot transform from '" + from + "' to '" + to + "': " + projReason(impl->ctx));
    impl->identity = from == to;
    return Projector(std::move(impl));
}

static std::size_t run(PJ* pj, PJ_DIRECTION dir, Vec2d* pts, std::size_t n) {
    if (n == 0) return 0;
    proj_trans_generic(pj, dir, &pts[0].x, sizeof(Vec2d), n, &pts[0].y, sizeof(Vec2d), n, nullptr, 0, 0, nullptr, 0, 0);
    std::size_t failed = 0;
    for (std::size_t i = 0; i < n; ++i) {
        // PROJ marks failures with HUGE_VAL; 1e308 inputs can also overflow to inf.
        if (!std::isfinite(pts[i].x) || !std::isfinite(pts[i].y) || std::abs(pts[i].x) >= HUGE_VAL / 2 ||
            std::abs(pts[i].y) >= HUGE_VAL / 2) {
            pts[i] = {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
            ++failed;
        }
    }
    return failed;
}

std::size_t Projector::forward(Vec2d* pts, std::size_t n) const {
    if (impl_->identity) return 0;
    return run(impl_->pj, PJ_FWD, pts, n);
}

std::size_t Projector::inverse(Vec2d* pts, std::size_t n) const {
    if (impl_->identity) return 0;
    return run(impl_->pj, PJ_INV, pts, n);
}

Vec2d Projector::forward(Vec2d p) const {
    forward(&p, 1);
    return p;
}

Vec2d Projector::inverse(Vec2d p) const {
    inverse(&p, 1);
    return p;
}

bool Projector::forward(MultiPolygon& mp) const {
    bool ok = true;
    for (auto& poly : mp) {
        ok &= forward(poly.outer) == 0;
        for (auto& h : poly.holes) ok &= forward(h) == 0;
    }
    return ok;
}

bool Projector::forward(std::vector<LineString>& lines) const {
    bool ok = true;
    for (auto& l : lines) ok &= forward(l) == 0;
    return ok;
}

bool Projector::isIdentity() const { return impl_->identity; }

Status validateCrs(std::string_view crs) {
    PJ_CONTEXT* ctx = newContext();
    const std::string def(crs);
    PJ* pj = proj_create(ctx, def.c_str());
    Status out = Ok{};
    if (!pj) out = fail("cannot use CRS '" + def + "': " + projReason(ctx));
    else proj_destroy(pj);
    proj_context_destroy(ctx);
    return out;
}

}  // namespace sv::geo
