// SPDX-License-Identifier: Apache-2.0
// Replays a fuzz target's corpus without libFuzzer (for GCC builds and ctest): every file of the
// directories given, and every prefix of each file (inputs cut short), goes through
// LLVMFuzzerTestOneInput once. A crash or abort fails the run; otherwise it prints how many ran.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv)
{
    std::size_t files = 0, runs = 0;
    for (int i = 1; i < argc; ++i) {
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator(argv[i], ec)) {
            if (!entry.is_regular_file())
                continue;
            std::ifstream in(entry.path(), std::ios::binary);
            const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
            for (std::size_t n = 0; n <= bytes.size(); ++n, ++runs)
                LLVMFuzzerTestOneInput(data, n);
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
