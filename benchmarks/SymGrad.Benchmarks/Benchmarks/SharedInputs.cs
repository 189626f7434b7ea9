using System;
using System.Collections.Generic;

namespace SymGrad.Benchmarks.Benchmarks
{
    /// <summary>
    /// One set of inputs (data, parameters, gradient buffers, workspaces, TorchSharp tensors) per benchmark class and
    /// shape, shared by all of that class's benchmarks (and parameter sets, such as TorchSharp's threads or the sharded
    /// gradient's degree), so that the gradients compared side by side read the same arrays.
    /// </summary>
    /// <remarks>
    /// BenchmarkDotNet runs a class's global setup once per benchmark and parameter set, and each setup used to draw its
    /// own arrays. On the AVX2 EPYC machine the `float` logistic m = 1000 gradients run at one of two speeds that follow
    /// the heap's state, not the clock (2026-12-06, docs/benchmark-log.md): a new allocation of x (400 KB, most of a
    /// core's L2) or a compacting collection can switch them; the page offset and the physical page colours did not
    /// predict it. Shared inputs remove the first of those differences between the gradients compared; what else
    /// switches them inside BenchmarkDotNet's process is not established. Every shape's inputs of a class live until a
    /// benchmark of another class that shares its inputs sets up (BenchmarkDotNet runs a class's benchmarks together),
    /// which disposes those that are disposable; a global cleanup leaves them, and classes that do not share leave the
    /// previous class's inputs alive.
    /// </remarks>
    internal static class SharedInputs
    {
        private static readonly Dictionary<string, object> Inputs = new(StringComparer.Ordinal);

        private static Type? owner;

        /// <summary>The inputs of <paramref name="benchmarkClass"/> for <paramref name="key"/>, created by <paramref name="create"/> the first time.</summary>
        public static T Get<T>(Type benchmarkClass, string key, Func<T> create)
            where T : class
        {
            if (owner != benchmarkClass)
            {
                Release();
                owner = benchmarkClass;
            }

            if (!Inputs.TryGetValue(key, out object? inputs))
            {
                inputs = create();
                Inputs.Add(key, inputs);
            }

            return (T)inputs;
        }

        /// <summary>Lets go of every class's inputs, disposing those that are disposable.</summary>
        public static void Release()
        {
            foreach (object inputs in Inputs.Values)
            {
                (inputs as IDisposable)?.Dispose();
            }

            Inputs.Clear();
            owner = null;
        }
    }
}
