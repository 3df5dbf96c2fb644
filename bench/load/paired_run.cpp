// SPDX-License-Identifier: Apache-2.0

#include "paired_run.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "fatal.h"

namespace qgnet_bench {
namespace {

// A slice whose echoes do not all come back within this long is a stall.
constexpr double kDrainTimeout = 10.0;

struct Slice {
    std::size_t target = 0;
    Measurement m;
};

Slice run_slice(LoadGenerator& gen, std::size_t target_index, double ramp, double measured)
{
    EchoTarget& t = gen.target(target_index);
    t.start();
    gen.run_until(monotonic_seconds() + ramp);
    Sample start = gen.sample(t);
    gen.run_until(start.wall + measured);
    Sample end = gen.sample(t);
    gen.drain(t, kDrainTimeout);
    Slice s{target_index, Measurement::between(start, end)};
    if (s.m.msgs == 0)
        fail("no message to port %u completed in a %.3f s slice: server stalled?", t.port(), s.m.secs);
    return s;
}

// One CSV row per slice, in the order they ran: shows drift and outliers that
// the quartiles summarise.
void write_slice_log(const std::string& path, const std::vector<Slice>& slices)
{
    FILE* f = std::fopen(path.c_str(), "we");
    if (f == nullptr)
        fail("cannot write %s: %s", path.c_str(), std::strerror(errno));
    std::fprintf(f, "slice,target,msgs,secs,msgs_per_sec,server_cpu_sec,server_cpu_us_per_msg,client_cpu_sec\n");
    for (std::size_t i = 0; i < slices.size(); ++i) {
        const Measurement& m = slices[i].m;
        std::fprintf(f, "%zu,%zu,%llu,%.6f,%.1f,%.6f,%.4f,%.6f\n", i, slices[i].target,
            static_cast<unsigned long long>(m.msgs), m.secs, m.msgs_per_sec(), m.server_cpu, m.server_us_per_msg(),
            m.client_cpu);
    }
    if (std::fclose(f) != 0)
        fail("cannot write %s: %s", path.c_str(), std::strerror(errno));
}

void print_quartiles(const char* name, const std::vector<double>& v)
{
    std::printf(" %s_median=%.4f %s_p25=%.4f %s_p75=%.4f", name, quantile(v, 0.5), name, quantile(v, 0.25), name,
        quantile(v, 0.75));
}

// One line per target: its measured slices summed.
void print_target_totals(const LoadGenerator& gen, const LoadOptions& opt, const std::vector<Slice>& slices)
{
    std::vector<Measurement> total(gen.target_count());
    std::vector<int> count(gen.target_count(), 0);
    for (const Slice& s : slices) {
        total[s.target] += s.m;
        ++count[s.target];
    }
    for (std::size_t k = 0; k < gen.target_count(); ++k) {
        const EchoTarget& t = gen.target(k);
        const Measurement& m = total[k];
        std::printf("target=%zu port=%u msgs=%llu secs=%.6f msgs_per_sec=%.1f client_cpu_sec=%.6f", k, t.port(),
            static_cast<unsigned long long>(m.msgs), m.secs, m.msgs_per_sec(), m.client_cpu);
        if (t.has_server_clock()) {
            std::printf(" server_cpu_sec=%.6f server_cpu_us_per_msg=%.4f server_cpu_source=%s", m.server_cpu,
                m.server_us_per_msg(), t.server_cpu_source());
        }
        std::printf(" conns=%d size=%zu slices=%d\n", opt.conns, opt.size, count[k]);
    }
}

// One line: quartiles of the B/A ratios over the (A, B) slice pairs.
void print_pair_ratios(const LoadGenerator& gen, const std::vector<Slice>& slices)
{
    // Slices 2j and 2j+1 are one A and one B (ABBA order): a pair.
    std::vector<double> cpu_ratio, tput_ratio;
    for (std::size_t j = 0; j + 1 < slices.size(); j += 2) {
        const Slice& a = slices[j].target == 0 ? slices[j] : slices[j + 1];
        const Slice& b = slices[j].target == 0 ? slices[j + 1] : slices[j];
        tput_ratio.push_back(b.m.msgs_per_sec() / a.m.msgs_per_sec());
        if (gen.target(0).has_server_clock()) {
            if (a.m.server_cpu <= 0)
                fail("server on port %u used no measurable CPU in a slice", gen.target(0).port());
            cpu_ratio.push_back(b.m.server_us_per_msg() / a.m.server_us_per_msg());
        }
    }
    std::printf("pairs=%zu", tput_ratio.size());
    if (!cpu_ratio.empty())
        print_quartiles("cpu_ratio", cpu_ratio);
    print_quartiles("tput_ratio", tput_ratio);
    std::printf("\n");
    std::fflush(stdout);
}

} // namespace

double quantile(std::vector<double> values, double q)
{
    std::sort(values.begin(), values.end());
    double pos = q * static_cast<double>(values.size() - 1);
    auto lo = static_cast<std::size_t>(pos);
    std::size_t hi = std::min(lo + 1, values.size() - 1);
    double frac = pos - static_cast<double>(lo);
    return values[lo] + (values[hi] - values[lo]) * frac;
}

void run_paired(LoadGenerator& gen, const LoadOptions& opt)
{
    // Warmup: each target once, alone, unmeasured.
    for (std::size_t i = 0; opt.warmup > 0 && i < gen.target_count(); ++i) {
        gen.target(i).start();
        gen.run_until(monotonic_seconds() + opt.warmup);
        gen.drain(gen.target(i), kDrainTimeout);
    }

    std::vector<Slice> slices;
    for (std::size_t i = 0; i < static_cast<std::size_t>(opt.slices); ++i) {
        slices.push_back(run_slice(gen, abba_target(i), opt.slice * kRampFraction, opt.slice));
    }

    if (!opt.slice_log.empty())
        write_slice_log(opt.slice_log, slices);
    print_target_totals(gen, opt, slices);
    print_pair_ratios(gen, slices);
}

} // namespace qgnet_bench
