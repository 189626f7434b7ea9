using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Tests.Infrastructure;

namespace SymGrad.Generator.Tests.Hardening;

/// <summary>
/// Runs the generator in memory over one input and judges it by the promise a generator in every
/// build must keep: it never throws, and it either rejects the input (a SYMGRAD error, or the
/// user's own C# errors) or generates code that compiles without errors or warnings. Shared by the
/// fuzzing command and the tests that replay what it found.
/// </summary>
/// <param name="Signature">What identifies the defect when <see cref="Outcome"/> is a failure (an exception type and the generator method it left, or a compiler diagnostic ID), so repeated findings of one defect count once.</param>
/// <param name="Detail">The diagnostics or the exception, for a person.</param>
/// <param name="GeneratorTime">The generator's own time as the driver measured it.</param>
public sealed record InputVerdict(InputOutcome Outcome, string Signature, string Detail, TimeSpan GeneratorTime)
{
    public static InputVerdict Judge(params string[] sources)
    {
        GeneratorRun run;
        try
        {
            run = GeneratorHarness.Run(sources);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The driver itself catches generator exceptions; one escaping it is a defect all the same.
            return new InputVerdict(InputOutcome.GeneratorException, ExceptionSignature(exception), exception.ToString(), TimeSpan.Zero);
        }

        TimeSpan time = run.Driver.GetTimingInfo().ElapsedTime;
        Exception? thrown = run.Driver.GetRunResult().Results.Select(r => r.Exception).FirstOrDefault(e => e is not null);
        if (thrown is not null)
        {
            return new InputVerdict(InputOutcome.GeneratorException, ExceptionSignature(thrown), thrown.ToString(), time);
        }

        Diagnostic? internalError = run.GeneratorDiagnostics.FirstOrDefault(d => d.Id is "CS8785" or "SYMGRAD0099");
        if (internalError is not null)
        {
            return new InputVerdict(InputOutcome.GeneratorException, internalError.Id + " " + InternalErrorKind(internalError), internalError.ToString(), time);
        }

        var inputTrees = new HashSet<SyntaxTree>(run.Input.SyntaxTrees);
        ImmutableArray<Diagnostic> outputDiagnostics = run.Output.GetDiagnostics();
        var generatedProblems = outputDiagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && !inputTrees.Contains(tree))
            .ToList();
        var userErrors = outputDiagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error && !(d.Location.SourceTree is { } tree && !inputTrees.Contains(tree)))
            .ToList();
        var rejections = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

        if (generatedProblems.Count > 0 && userErrors.Count == 0)
        {
            return new InputVerdict(InputOutcome.GeneratedCodeError, generatedProblems[0].Id, Describe(generatedProblems, run), time);
        }

        if (rejections.Count > 0)
        {
            return new InputVerdict(InputOutcome.RejectedBySymGrad, string.Join(",", rejections.Select(d => d.Id).Distinct()), Describe(rejections, run), time);
        }

        if (userErrors.Count > 0)
        {
            return new InputVerdict(InputOutcome.RejectedByCSharp, userErrors[0].Id, Describe(userErrors, run), time);
        }

        return new InputVerdict(InputOutcome.Accepted, "", "", time);
    }

    /// <summary>The exception's type and the first SymGrad generator method on its stack, else the method that threw.</summary>
    private static string ExceptionSignature(Exception exception)
    {
        var methods = new StackTrace(exception).GetFrames().Select(f => f.GetMethod()).Where(m => m?.DeclaringType is not null).ToList();
        MethodBase? method = methods.FirstOrDefault(m => m!.DeclaringType!.Namespace?.StartsWith("SymGrad.Generator", StringComparison.Ordinal) == true) ?? methods.FirstOrDefault();
        return exception.GetType().Name + " in " + (method is null ? "?" : method.DeclaringType!.Name + "." + method.Name);
    }

    /// <summary>SYMGRAD0099's message names the exception; keep its type so distinct crashes count apart.</summary>
    private static string InternalErrorKind(Diagnostic diagnostic)
    {
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        int open = message.IndexOf("' (", StringComparison.Ordinal) + 2;
        int close = open < 2 ? -1 : message.IndexOfAny(new[] { ':', ')' }, open);
        return close > open ? message.Substring(open + 1, close - open - 1).Trim() : "";
    }

    private static string Describe(IEnumerable<Diagnostic> diagnostics, GeneratorRun run)
    {
        var lines = diagnostics.Take(5).Select(d => d.ToString()).ToList();
        foreach ((string hintName, string source) in run.Generated.Take(3))
        {
            lines.Add("--- " + hintName + "\n" + source);
        }

        return string.Join("\n", lines);
    }
}
