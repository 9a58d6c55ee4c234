#pragma once
// Runs a piece of a test in a forked child process, for what needs a second process:
// a second writer, a process killed mid-session, resource limits. The child sends back
// one line of text (what body returns, or the message of what it threw).

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <exception>
#include <functional>
#include <stdexcept>
#include <string>

namespace pixmark::test {

class ChildProcess {
public:
    enum class After { Exit, StayUntilKilled };

    /// Forks; the child runs body, reports, then exits or stays alive (keeping whatever
    /// body opened) until kill(). Returns once the child has reported.
    ChildProcess(const std::function<std::string()>& body, After after)
    {
        int fds[2];
        if (pipe(fds) != 0)
            throw std::runtime_error("pipe failed");
        mPid = fork();
        if (mPid < 0)
            throw std::runtime_error("fork failed");
        if (mPid == 0) {
            close(fds[0]);
            std::string report;
            try {
                report = body();
            } catch (const std::exception& error) {
                report = std::string("exception: ") + error.what();
            }
            (void)!write(fds[1], report.data(), report.size());
            close(fds[1]);
            if (after == After::StayUntilKilled)
                while (true)
                    pause();
            _exit(0);
        }
        close(fds[1]);
        char buffer[512];
        ssize_t n = 0;
        while ((n = read(fds[0], buffer, sizeof buffer)) > 0)
            mReport.append(buffer, static_cast<std::size_t>(n));
        close(fds[0]);
    }
    ~ChildProcess() { kill(); }
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return mPid; }
    const std::string& report() const { return mReport; }
    /// SIGKILLs the child (if still there) and reaps it; true if the signal killed it.
    bool kill()
    {
        if (mPid <= 0)
            return false;
        ::kill(mPid, SIGKILL);
        int status = 0;
        waitpid(mPid, &status, 0);
        mPid = 0;
        return WIFSIGNALED(status);
    }

private:
    pid_t mPid = 0;
    std::string mReport;
};

} // namespace pixmark::test
