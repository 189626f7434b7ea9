using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace SymGrad.Generator.Tests.Infrastructure;

/// <summary>
/// CPU time of the calling thread. Roslyn's driver runs a generator on the thread that calls it, so
/// this is the generator's own work, undisturbed by other processes competing for the two cores of
/// a CI machine (wall-clock time is not). Read from /proc/thread-self/stat on Linux; elsewhere the
/// process's CPU time stands in.
/// </summary>
public static class ThreadCpuTime
{
    public static TimeSpan Now()
    {
        const string stat = "/proc/thread-self/stat";
        if (File.Exists(stat))
        {
            // Fields after the command name (in parentheses): state is field 3; utime and stime are fields 14 and 15, in clock ticks.
            string text = File.ReadAllText(stat);
            string[] fields = text.Substring(text.LastIndexOf(')') + 2).Split(' ');
            long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / 100.0);
        }

        return Process.GetCurrentProcess().TotalProcessorTime;
    }
}
