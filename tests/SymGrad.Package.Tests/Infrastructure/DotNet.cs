using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;

namespace SymGrad.Package.Tests.Infrastructure;

/// <summary>The outcome of one `dotnet` command: its exit code and everything it printed.</summary>
public sealed record CommandResult(string Command, int ExitCode, string Output, TimeSpan Elapsed)
{
    public override string ToString() => $"`dotnet {Command}` exited {ExitCode} after {Elapsed.TotalSeconds:F0} s:\n{Output}";
}

/// <summary>
/// Runs the `dotnet` CLI as a user would, isolated from the test host: without the MSBuild variables `dotnet test`
/// sets, without build servers or reused nodes (so no process outlives the test), with a time limit.
/// </summary>
public static class DotNet
{
    public static CommandResult Run(string workingDirectory, string arguments, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            string name = (string)variable.Key;
            if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("DOTNET_HOST_PATH", StringComparison.Ordinal) || name == "NUGET_PACKAGES")
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        foreach (KeyValuePair<string, string> variable in environment ?? new Dictionary<string, string>())
        {
            start.Environment[variable.Key] = variable.Value;
        }

        var output = new StringBuilder();
        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit((int)(timeout ?? TimeSpan.FromMinutes(5)).TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`dotnet {arguments}` did not finish in {timeout ?? TimeSpan.FromMinutes(5)}:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return new CommandResult(arguments, process.ExitCode, output.ToString(), watch.Elapsed);
        }
    }

    /// <summary>Runs the command and fails the test with its output when it fails.</summary>
    public static CommandResult Succeed(string workingDirectory, string arguments, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        CommandResult result = Run(workingDirectory, arguments, timeout, environment);
        if (result.ExitCode != 0)
        {
            throw new Xunit.Sdk.XunitException(result.ToString());
        }

        return result;
    }
}
