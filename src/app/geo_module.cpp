// dlopen of the geo module (see geo_module.hpp).
#include "app/geo_module.hpp"

#include <atomic>
#include <mutex>

#include <dlfcn.h>

#include "util/paths.hpp"

namespace sv {
namespace {

std::atomic<const geo::Api*> gApi{nullptr};

}  // namespace

Result<const geo::Api*> geoModule() {
    static std::mutex mutex;
    static std::string error;
    std::lock_guard lock(mutex);
    if (const auto* a = gApi.load()) return a;
    if (!error.empty()) return fail(error);
    const std::string path = (executableDir() / "libsitview-geo.so").string();
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char* why = dlerror();
        error = "cannot load the geo module " + path + ": " + (why ? why : "unknown error");
        return fail(error);
    }
    using Entry = const geo::Api* (*)();
    auto entry = reinterpret_cast<Entry>(dlsym(handle, "sitview_geo_api"));
    const geo::Api* a = entry ? entry() : nullptr;
    if (!a || a->version != geo::kApiVersion) {
        error = path + ": not a compatible sitview geo module";
        return fail(error);
    }
    gApi.store(a);
    return a;
}

bool geoModuleLoaded() { return gApi.load() != nullptr; }

}  // namespace sv
