using System;
using System.IO;
using System.Linq;
using Xunit;

namespace SymGrad.Samples.Tests;

/// <summary>One run of the samples program in-process, with its output captured and its own output folder.</summary>
internal sealed class SampleRun : IDisposable
{
    private SampleRun(string directory, int exitCode, string output, string error)
    {
        Directory = directory;
        ExitCode = exitCode;
        Output = output;
        Error = error;
    }

    public string Directory { get; }

    public int ExitCode { get; }

    public string Output { get; }

    public string Error { get; }

    /// <summary>Runs <c>symgrad-samples command --out (a new temporary folder) args...</c>.</summary>
    public static SampleRun Start(string command, params string[] args)
    {
        string directory = Path.Combine(Path.GetTempPath(), "symgrad-samples-tests", Guid.NewGuid().ToString("N"));
        var output = new StringWriter();
        var error = new StringWriter();
        string[] all = new[] { command, "--out", directory }.Concat(args).ToArray();
        int code = SamplesApp.Run(all, output, error);
        return new SampleRun(directory, code, output.ToString(), error.ToString());
    }

    /// <summary>Runs a command line as given (no output folder added).</summary>
    public static SampleRun Raw(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = SamplesApp.Run(args, output, error);
        return new SampleRun(string.Empty, code, output.ToString(), error.ToString());
    }

    public void AssertSucceeded()
    {
        Assert.True(ExitCode == 0, $"exit code {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}");
        Assert.Equal(string.Empty, Error);
    }

    /// <summary>
    /// Asserts a clean failure: the exit code, exactly one line on stderr that starts with the command's name and contains
    /// <paramref name="expected"/>, no stack trace and no .NET type names such as <c>System.Nullable`1</c>.
    /// </summary>
    public void AssertFailedCleanly(int exitCode, string command, string expected)
    {
        string[] lines = Error.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
        Assert.True(ExitCode == exitCode, $"exit code {ExitCode}, expected {exitCode}\nstderr:\n{Error}");
        Assert.True(lines.Length == 1, $"expected one line on stderr, got {lines.Length}:\n{Error}");
        Assert.StartsWith(command + ": ", lines[0]);
        Assert.Contains(expected, lines[0]);
        Assert.DoesNotContain("   at ", Error);
        Assert.DoesNotContain("System.", Error);
        Assert.DoesNotContain("Unhandled exception", Error);
    }

    /// <summary>Asserts that each named PNG exists in the output folder, is non-empty and starts with the PNG signature.</summary>
    public void AssertPngs(params string[] names)
    {
        foreach (string name in names)
        {
            string path = Path.Combine(Directory, name);
            Assert.True(File.Exists(path), $"{name} was not written; files: {string.Join(", ", System.IO.Directory.Exists(Directory) ? System.IO.Directory.GetFiles(Directory).Select(Path.GetFileName) : Array.Empty<string>())}");
            byte[] bytes = File.ReadAllBytes(path);
            Assert.True(bytes.Length > 1000, $"{name} has only {bytes.Length} bytes");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes.Take(4).ToArray());
        }
    }

    public void Dispose()
    {
        if (Directory.Length > 0 && System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
