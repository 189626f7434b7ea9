using System;

namespace SymGrad.Generator.Model;

/// <summary>
/// The value of a pipeline step, or the internal error that stopped it. Generator bugs must never
/// escape as exceptions (Roslyn would drop every generated file with CS8785); they become
/// SYMGRAD0099 at the method instead.
/// </summary>
internal sealed record Outcome<T>(T? Value, DiagnosticInfo? Error)
    where T : class
{
    public static Outcome<T> Run(MethodModel method, Func<T> step)
    {
        try
        {
            return new Outcome<T>(step(), null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return Failed(method, exception);
        }
    }

    public Outcome<TNext> Then<TNext>(MethodModel method, Func<T, TNext> step)
        where TNext : class =>
        Value is null ? new Outcome<TNext>(null, Error) : Outcome<TNext>.Run(method, () => step(Value));

    private static Outcome<T> Failed(MethodModel method, Exception exception)
    {
        var info = new DiagnosticInfo(
            Diagnostics.DiagnosticDescriptors.InternalError.Id,
            method.Location,
            new[] { method.Name, exception.GetType().Name + ": " + exception.Message }.ToEquatableArray());
        return new Outcome<T>(null, info);
    }
}
