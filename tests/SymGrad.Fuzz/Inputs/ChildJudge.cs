using System;
using System.Diagnostics;
using System.IO;
using System.Reflection;
using System.Threading;
using SymGrad.Generator.Tests.Hardening;

namespace SymGrad.Fuzz.Inputs;

/// <summary>
/// Judges an input in a child process (<c>--judge FILE</c>), so that a stack overflow, which no
/// handler can catch, or a generator that never finishes, costs the child and not the run.
/// </summary>
internal static class ChildJudge
{
    /// <summary>An IDE runs generators on worker threads; 1 MB is the smallest default stack among the hosts (Windows).</summary>
    private const int StackSize = 1024 * 1024;

    private const string Marker = "verdict: ";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>In the child: judge the file on a small-stack thread and print the verdict.</summary>
    public static int RunInChild(string file)
    {
        string source = File.ReadAllText(file);
        InputVerdict? verdict = null;
        var thread = new Thread(() => verdict = InputVerdict.Judge(source), StackSize);
        thread.Start();
        thread.Join();
        Console.WriteLine(Marker + verdict!.Outcome + "|" + verdict.Signature + "|" + verdict.GeneratorTime.Ticks + "|" + verdict.Detail.Split('\n')[0]);
        return 0;
    }

    /// <summary>In the parent: the child's verdict, or a crash or time-out turned into a generator failure.</summary>
    public static InputVerdict Judge(string source)
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, source);
            var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
            {
                start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
            }

            start.ArgumentList.Add("--judge");
            start.ArgumentList.Add(file);
            using Process child = Process.Start(start)!;
            var stderr = child.StandardError.ReadToEndAsync();
            string stdout = child.StandardOutput.ReadToEndAsync().WaitAsync(Timeout).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "").Result;
            if (!child.WaitForExit((int)Timeout.TotalMilliseconds))
            {
                child.Kill(entireProcessTree: true);
                return new InputVerdict(InputOutcome.GeneratorException, "did not finish", $"the generator did not finish within {Timeout.TotalSeconds:F0} s", Timeout);
            }

            int at = stdout.IndexOf(Marker, StringComparison.Ordinal);
            if (child.ExitCode != 0 || at < 0)
            {
                string error = stderr.Result;
                string signature = error.Contains("Stack overflow", StringComparison.OrdinalIgnoreCase) ? "stack overflow (process crashed)" : "process crashed with exit code " + child.ExitCode;
                return new InputVerdict(InputOutcome.GeneratorException, signature, FirstLines(error, 12), TimeSpan.Zero);
            }

            string[] parts = stdout[(at + Marker.Length)..].TrimEnd().Split('|', 4);
            return new InputVerdict(Enum.Parse<InputOutcome>(parts[0]), parts[1], parts[3], TimeSpan.FromTicks(long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string FirstLines(string text, int count) => string.Join("\n", text.Split('\n')[..Math.Min(count, text.Split('\n').Length)]);
}
