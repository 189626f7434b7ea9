using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Xunit;
using Xunit.Abstractions;

namespace SymGrad.Consumer.Tests.Composition;

/// <summary>
/// The pullback contract (issue 10, pinned API) over every <c>[Differentiable(Tangent = true, Hessian = true)]</c> method of this
/// assembly: <c>FPullback(args, seed, outputs)</c> returns <c>F</c>'s value and adds exactly
/// <c>seed * ∂F/∂P</c> to what each output held, where the gradient is <c>FGradient</c>'s (itself
/// checked against finite differences by the other tests).
/// </summary>
public sealed class PullbackContractTests
{
    private readonly ITestOutputHelper log;

    public PullbackContractTests(ITestOutputHelper log) => this.log = log;

    [Fact]
    public void EveryPullbackAddsSeedTimesTheGradientToWhatTheOutputsHeld()
    {
        int checkedMethods = 0, skipped = 0;
        foreach ((MethodInfo source, MethodInfo gradient, MethodInfo pullback) in Pairs())
        {
            var random = new Random(gradient.Name.Length * 7919 + gradient.GetParameters().Length);
            int inputs = source.GetParameters().Length;
            object?[] arguments = ContractInputs.Inputs(gradient.GetParameters().Take(inputs).ToArray(), random);
            if (arguments.Any(a => a is null))
            {
                skipped++;
                continue;
            }

            ParameterInfo[] outputs = gradient.GetParameters().Skip(inputs).ToArray();
            object?[] gradientCall = arguments.Concat(outputs.Select((o, k) => ContractInputs.Output(o, arguments, k, gradient, 0.0))).ToArray();
            double value;
            try
            {
                value = (double)SpanInvoker.Invoke(gradient, gradientCall)!;
            }
            catch (Exception)
            {
                skipped++; // these inputs are outside the method's domain (a length rule, a guard that throws)
                continue;
            }

            double[] expected = ContractInputs.Flatten(gradientCall.Skip(inputs));
            if (!double.IsFinite(value) || expected.Any(g => !double.IsFinite(g)))
            {
                skipped++;
                continue;
            }

            const double Seed = -0.75;
            object?[] pullbackCall = arguments.Append(Seed).Concat(outputs.Select((o, k) => ContractInputs.Output(o, arguments, k, gradient, 0.5))).ToArray();
            double pulledValue = (double)SpanInvoker.Invoke(pullback, pullbackCall)!;
            double[] accumulated = ContractInputs.Flatten(pullbackCall.Skip(inputs + 1));

            Assert.True(value == pulledValue, gradient.Name + ": " + value.ToString("R") + " vs " + pulledValue.ToString("R"));
            Assert.Equal(expected.Length, accumulated.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                double wanted = 0.5 + Seed * expected[i];
                Assert.True(Math.Abs(accumulated[i] - wanted) <= 1e-12 * (1 + Math.Abs(wanted)), $"{pullback.DeclaringType!.Name}.{pullback.Name}: output {i} is {accumulated[i]}, expected 0.5 + seed * {expected[i]}");
            }

            checkedMethods++;
        }

        log.WriteLine($"{checkedMethods} pullbacks checked, {skipped} skipped (inputs outside the method's domain)");
        Assert.True(checkedMethods >= 100, $"only {checkedMethods} pullbacks could be checked ({skipped} skipped)");
    }

    private static IEnumerable<(MethodInfo Source, MethodInfo Gradient, MethodInfo Pullback)> Pairs()
    {
        foreach (Type type in typeof(PullbackContractTests).Assembly.GetTypes())
        {
            foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (method.GetCustomAttribute<DifferentiableAttribute>() is null)
                {
                    continue;
                }

                Type[] inputs = method.GetParameters().Select(p => p.ParameterType).ToArray();
                MethodInfo? pullback = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                    .FirstOrDefault(m => m.Name == method.Name + "Pullback" && m.GetParameters().Take(inputs.Length).Select(p => p.ParameterType).SequenceEqual(inputs));
                Type[] outputs = pullback?.GetParameters().Skip(inputs.Length + 1).Select(p => p.ParameterType.IsByRef ? typeof(double).MakeByRefType() : p.ParameterType).ToArray() ?? Type.EmptyTypes;
                MethodInfo? gradient = type.GetMethod(method.Name + "Gradient", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, inputs.Concat(outputs).ToArray());
                Assert.True(pullback is not null, $"{type.Name}.{method.Name} has no pullback");
                if (gradient is not null && SpanInvoker.CanPass(gradient))
                {
                    yield return (method, gradient, pullback!);
                }
            }
        }
    }
}
