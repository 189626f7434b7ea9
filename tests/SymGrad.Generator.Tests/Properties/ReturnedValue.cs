using System;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// A generated method's returned value against the method's own, for the random-program properties: the same
/// bits, or within 1e-12 relative (with an absolute floor of 1e-12 for values below 1). The generated code sums
/// dot-product loops with <c>Kernels.Dot</c>, in a fixed vector order instead of the loop's (issue 12), and random
/// loop programs now and then form one (<c>index += a[i] * a[i]</c>); docs/benchmarks.md states the tolerance.
/// </summary>
public static class ReturnedValue
{
    public static bool Matches(double expected, double actual) =>
        expected.Equals(actual) || Math.Abs(actual - expected) <= 1e-12 * Math.Max(1.0, Math.Abs(expected));
}
