using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using SymGrad.Consumer.Tests.Composition;

namespace SymGrad.Consumer.Tests.SecondOrder;

/// <summary>A <c>[Differentiable]</c> method of this assembly and its generated gradient and forward-mode methods, found by reflection.</summary>
internal sealed class SecondOrderMethods
{
    private SecondOrderMethods(MethodInfo source, MethodInfo gradient, MethodInfo? tangent, MethodInfo? hessianVectorProduct, MethodInfo? hessian)
    {
        Source = source;
        Gradient = gradient;
        Tangent = tangent;
        HessianVectorProduct = hessianVectorProduct;
        Hessian = hessian;
    }

    public MethodInfo Source { get; }

    public MethodInfo Gradient { get; }

    public MethodInfo? Tangent { get; }

    public MethodInfo? HessianVectorProduct { get; }

    public MethodInfo? Hessian { get; }

    public string Name => Source.DeclaringType!.Name + "." + Source.Name;

    public static IEnumerable<SecondOrderMethods> All()
    {
        foreach (Type type in typeof(SecondOrderMethods).Assembly.GetTypes())
        {
            foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (method.GetCustomAttribute<DifferentiableAttribute>() is not { } attribute || !(attribute.Tangent || attribute.Hessian))
                {
                    continue;
                }

                int inputs = method.GetParameters().Length;
                MethodInfo? Find(string suffix, int extra) => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                    .Where(m => m.Name == method.Name + suffix && m.GetParameters().Length == inputs + extra)
                    .FirstOrDefault(m => m.GetParameters().Take(inputs).Select(p => p.ParameterType).SequenceEqual(method.GetParameters().Select(p => p.ParameterType)));
                int differentiated = method.GetParameters().Count(IsDifferentiated);
                MethodInfo? gradient = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                    .FirstOrDefault(m => m.Name == method.Name + "Gradient" && m.GetParameters().Length == inputs + differentiated
                        && m.GetParameters().Take(inputs).Select(p => p.ParameterType).SequenceEqual(method.GetParameters().Select(p => p.ParameterType)));
                if (gradient is null || !SpanInvoker.CanPass(gradient))
                {
                    continue;
                }

                yield return new SecondOrderMethods(
                    method,
                    gradient,
                    attribute.Tangent ? Find("Tangent", differentiated + 1) : null,
                    attribute.Hessian ? Find("HessianVectorProduct", 2 * differentiated) : null,
                    attribute.Hessian ? Find("Hessian", differentiated + 1) : null);
            }
        }
    }

    /// <summary>The value and gradient at typical inputs, or null when they are outside the method's domain.</summary>
    public Point? Evaluate()
    {
        var random = new Random(Gradient.Name.Length * 7919 + Gradient.GetParameters().Length);
        object?[] arguments = ContractInputs.Inputs(Source.GetParameters(), random);
        if (arguments.Any(a => a is null))
        {
            return null;
        }

        var point = new Point(this, arguments);
        try
        {
            object?[] call = arguments.Concat(point.Outputs(0.0)).ToArray();
            point.Value = (double)SpanInvoker.Invoke(Gradient, call)!;
            point.Gradient = ContractInputs.Flatten(call.Skip(arguments.Length));
        }
        catch (Exception)
        {
            return null; // a length rule or a guard of the method: outside its domain
        }

        return double.IsFinite(point.Value) && point.Gradient.All(double.IsFinite) ? point : null;
    }

    /// <summary>The gradient at other arguments (the same shapes).</summary>
    public double[]? GradientAt(object?[] arguments)
    {
        var point = new Point(this, arguments);
        object?[] call = arguments.Concat(point.Outputs(0.0)).ToArray();
        SpanInvoker.Invoke(Gradient, call);
        return ContractInputs.Flatten(call.Skip(arguments.Length));
    }

    public bool IsDifferentiatedAt(int index) => IsDifferentiated(Source.GetParameters()[index]);

    private static bool IsDifferentiated(ParameterInfo parameter) =>
        (parameter.ParameterType == typeof(double) || parameter.ParameterType == typeof(double[]) || parameter.ParameterType == typeof(ReadOnlySpan<double>))
        && parameter.GetCustomAttribute<NoDerivativeAttribute>() is null;

    /// <summary>Arguments of one method, and its value and gradient there.</summary>
    internal sealed class Point
    {
        private readonly SecondOrderMethods methods;

        public Point(SecondOrderMethods methods, object?[] arguments)
        {
            this.methods = methods;
            Arguments = arguments;
        }

        public object?[] Arguments { get; }

        public double Value { get; set; }

        public double[] Gradient { get; set; } = Array.Empty<double>();

        private IEnumerable<int> Differentiated => Enumerable.Range(0, Arguments.Length).Where(methods.IsDifferentiatedAt);

        /// <summary>Gradient-shaped outputs: a boxed double per scalar, an array per array.</summary>
        public object?[] Outputs(double fill) => Differentiated.Select(i => Arguments[i] is double[] a ? (object)Enumerable.Repeat(fill, a.Length).ToArray() : fill).ToArray();

        /// <summary>A direction per differentiated parameter, entries in (-1, 1).</summary>
        public object?[] Directions(int seed)
        {
            var random = new Random(seed);
            return Differentiated.Select(i => Arguments[i] is double[] a ? (object)a.Select(_ => random.NextDouble() * 2 - 1).ToArray() : random.NextDouble() * 2 - 1).ToArray();
        }

        /// <summary>The unit vector along the <paramref name="index"/>-th differentiated value.</summary>
        public object?[] UnitDirection(int index)
        {
            int position = 0;
            return Differentiated.Select(i =>
            {
                if (Arguments[i] is double[] a)
                {
                    double[] unit = a.Select((_, k) => position + k == index ? 1.0 : 0.0).ToArray();
                    position += a.Length;
                    return (object)unit;
                }

                return position++ == index ? 1.0 : 0.0;
            }).ToArray();
        }

        /// <summary>The arguments moved by <paramref name="step"/> times the direction.</summary>
        public object?[] Shifted(object?[] direction, double step)
        {
            object?[] shifted = (object?[])Arguments.Clone();
            int k = 0;
            foreach (int i in Differentiated)
            {
                shifted[i] = Arguments[i] is double[] a
                    ? a.Select((value, j) => value + step * ((double[])direction[k]!)[j]).ToArray()
                    : (double)Arguments[i]! + step * (double)direction[k]!;
                k++;
            }

            return shifted;
        }
    }
}
