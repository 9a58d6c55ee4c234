#include "tests/cli/run_cli.h"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <fstream>
#include <sstream>

namespace pixmark::test {

namespace {
std::string slurp(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}
} // namespace

namespace {
pid_t spawnCli(const std::vector<std::string>& args, const std::filesystem::path& workingDir,
               const std::filesystem::path& outFile, const std::filesystem::path& errFile)
{
    const pid_t pid = fork();
    if (pid == 0) {
        if (chdir(workingDir.c_str()) != 0)
            _exit(127);
        const int in = open("/dev/null", O_RDONLY);
        const int out = open(outFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int err = open(errFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(in, 0);
        dup2(out, 1);
        dup2(err, 2);
        std::vector<char*> argv;
        std::string program = PIXMARK_CLI;
        argv.push_back(program.data());
        std::vector<std::string> copies = args;
        for (auto& arg : copies)
            argv.push_back(arg.data());
        argv.push_back(nullptr);
        execv(program.c_str(), argv.data());
        _exit(127);
    }
    return pid;
}
} // namespace

int startCli(const std::vector<std::string>& args, const std::filesystem::path& workingDir)
{
    return spawnCli(args, workingDir, "/dev/null", "/dev/null");
}

CliResult runCli(const std::vector<std::string>& args, const std::filesystem::path& workingDir)
{
    const auto outFile = workingDir / ".cli-stdout";
    const auto errFile = workingDir / ".cli-stderr";
    const pid_t pid = spawnCli(args, workingDir, outFile, errFile);
    CliResult result;
    int status = 0;
    waitpid(pid, &status, 0);
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = slurp(outFile);
    result.err = slurp(errFile);
    return result;
}

nlohmann::json runCliJson(const std::vector<std::string>& args, const std::filesystem::path& workingDir)
{
    std::vector<std::string> withJson{"--json"};
    withJson.insert(withJson.end(), args.begin(), args.end());
    const auto result = runCli(withJson, workingDir);
    INFO(result.err);
    REQUIRE(result.exitCode == 0);
    return nlohmann::json::parse(result.out);
}

} // namespace pixmark::test
