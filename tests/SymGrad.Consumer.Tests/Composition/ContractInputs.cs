using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace SymGrad.Consumer.Tests.Composition;

/// <summary>Arguments for the reflection-driven contract tests over every generated method of this assembly.</summary>
internal static class ContractInputs
{
    /// <summary>Inputs a typical model accepts: doubles in (0.2, 1.4), arrays of length 3, small integers.</summary>
    public static object?[] Inputs(ParameterInfo[] parameters, Random random) => parameters.Select(p => p.ParameterType switch
    {
        Type t when t == typeof(double) => 0.2 + 1.2 * random.NextDouble(),
        Type t when t == typeof(double[]) || t == typeof(ReadOnlySpan<double>) || t == typeof(Span<double>) => Enumerable.Range(0, 3).Select(_ => 0.2 + 1.2 * random.NextDouble()).ToArray(),
        Type t when t == typeof(int) => (object)1,
        Type t when t == typeof(int[]) || t == typeof(ReadOnlySpan<int>) => new[] { 0, 1, 2 },
        Type t when t == typeof(bool) => true,
        Type t when t == typeof(double[,]) => new double[3, 3] { { 0.3, 0.5, 0.7 }, { 0.2, 0.9, 0.4 }, { 0.6, 0.1, 0.8 } },
        _ => null,
    }).ToArray();

    /// <summary>
    /// An output: a boxed double for a scalar, or for a span an array as long as the input it belongs
    /// to (outputs follow the differentiated inputs in order), filled with <paramref name="fill"/>.
    /// </summary>
    public static object Output(ParameterInfo output, object?[] arguments, int index, MethodInfo gradient, double fill)
    {
        if (output.ParameterType.IsByRef)
        {
            return fill;
        }

        // Outputs follow the differentiated inputs in order: double and double-array inputs without [NoDerivative].
        int[] differentiated = Enumerable.Range(0, arguments.Length)
            .Where(i => arguments[i] is double or double[] && gradient.GetParameters()[i].GetCustomAttribute<NoDerivativeAttribute>() is null)
            .ToArray();
        int position = differentiated[index];
        int length = arguments[position] switch
        {
            double[] a => a.Length,
            double[,] m => m.Length,
            int[] a => a.Length,
            _ => 0,
        };
        return Enumerable.Repeat(fill, length).ToArray();
    }

    public static double[] Flatten(IEnumerable<object?> outputs) => outputs.SelectMany(o => o switch
    {
        double d => new[] { d },
        double[] a => a,
        _ => Array.Empty<double>(),
    }).ToArray();

}
