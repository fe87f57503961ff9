#pragma once

#include "core/config.hpp"

namespace frontdesk::app {

/// The composition root. Builds the object graph from the configuration (facilities, store,
/// booking service, routes, worker pool, HTTP server), runs the event loop until SIGINT or
/// SIGTERM, then shuts down gracefully: stop accepting, let in-flight requests finish within the
/// grace period, drain the worker pool, close the store.
/// Runs on the calling thread (plus config.io_threads - 1 more loop threads and the pool).
class App {
public:
    explicit App(AppConfig config) : config_(std::move(config)) {}

    /// Serves until a stop signal; returns the process exit code. Throws
    /// booking::FacilityConfigError for unusable facility files and frontdesk::Error when the
    /// store cannot be opened or the port cannot be bound.
    int run();

private:
    AppConfig config_;
};

}  // namespace frontdesk::app
