using System;
using System.IO;
using SymGrad.Data;

namespace SymGrad.Samples.Infrastructure;

/// <summary>
/// How every command ends when something goes wrong: one line on stderr naming the command and the cause, and an exit code
/// that says whose problem it is (2: the input, 1: the program). Commands throw; only the top level and the tour report.
/// </summary>
internal static class Failures
{
    public const int InternalError = 1;

    public const int BadInput = 2;

    /// <summary>
    /// Exceptions that mean the user's input cannot be used: the samples' own checks, data the runtime refuses, files that
    /// are missing or unreadable. Anything else (including ArgumentException, which the samples never let bad input reach) is a bug.
    /// </summary>
    public static bool IsBadInput(Exception exception) => exception is SampleInputException
        or UnsuitableDataException
        or InvalidDataException
        or FileNotFoundException
        or DirectoryNotFoundException
        or UnauthorizedAccessException;

    public static int ExitCode(Exception exception) => IsBadInput(exception) ? BadInput : InternalError;

    /// <summary>The cause on one line: the message for bad input, the type and message for an internal error.</summary>
    public static string Describe(Exception exception) => IsBadInput(exception)
        ? OneLine(exception.Message)
        : $"internal error ({exception.GetType().Name}): {OneLine(exception.Message)}";

    /// <summary>Writes <c>where: cause</c> to <paramref name="error"/> and returns the exit code.</summary>
    public static int Report(string where, Exception exception, TextWriter error)
    {
        error.WriteLine($"{where}: {Describe(exception)}");
        return ExitCode(exception);
    }

    private static string OneLine(string message) =>
        string.Join(" ", message.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
