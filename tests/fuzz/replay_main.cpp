// SPDX-License-Identifier: Apache-2.0
// Replays a fuzz target's corpus without libFuzzer (for GCC builds and ctest): every file of the
// directories given, and every prefix of each file (inputs cut short), goes through
// LLVMFuzzerTestOneInput once. A crash or abort fails the run; otherwise it prints how many ran.
// Usage: fuzz_replay_<target> [--prefixes N] DIR...   With --prefixes, a file longer than N bytes has
// N prefixes replayed, evenly spaced (and the whole file), for targets whose inputs cost too much to
// replay every prefix of a merged corpus within ctest's timeout.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv)
{
    std::size_t files = 0, runs = 0;
    std::size_t prefixes = 0; // 0: every prefix
    int first = 1;
    if (argc > 2 && std::string_view(argv[1]) == "--prefixes") {
        prefixes = std::strtoul(argv[2], nullptr, 10);
        first = 3;
    }
    for (int i = first; i < argc; ++i) {
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator(argv[i], ec)) {
            if (!entry.is_regular_file())
                continue;
            std::ifstream in(entry.path(), std::ios::binary);
            const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
            const std::size_t step = prefixes == 0 || bytes.size() <= prefixes ? 1 : bytes.size() / prefixes;
            for (std::size_t n = 0; n <= bytes.size(); n += step, ++runs)
                LLVMFuzzerTestOneInput(data, n);
            if (bytes.size() % step != 0) {
                LLVMFuzzerTestOneInput(data, bytes.size());
                ++runs;
            }
            ++files;
        }
        if (ec) {
            std::fprintf(stderr, "cannot read corpus directory %s: %s\n", argv[i], ec.message().c_str());
            return 1;
        }
    }
    if (files == 0) {
        std::fprintf(stderr, "no corpus files\n");
        return 1;
    }
    std::printf("%zu files, %zu inputs replayed\n", files, runs);
    return 0;
}
