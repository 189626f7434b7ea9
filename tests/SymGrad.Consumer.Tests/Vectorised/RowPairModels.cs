using System;
using SymGrad;

namespace SymGrad.Consumer.Tests.Vectorised;

/// <summary>
/// Row groups two at a time (docs/how-it-works.md, "Row groups two at a time"; <c>Emission/RowLanePairs</c> in the generator): with
/// AVX-512 a <c>double</c> row loop's groups run in pairs, the second group's names the first's with <c>Second</c>
/// appended. This softmax names its locals as the members the lanes' code calls (<c>Vector512.Max</c>,
/// <c>Lanes.Exp</c>, <c>Lanes.Log</c>, <c>Lanes.Sum</c>, <c>Vector512.Create</c>): a member after a dot is never
/// renamed, so the pairs' code compiles and computes what one group at a time does. (A local named as a keyword,
/// <c>@double</c>, is renamed by lowering, to <c>double2</c>.) The method's own <c>MaxSecond</c>, declared after the
/// loop, keeps the second group's maximum out of that name (it takes <c>MaxSecond2</c>).
/// </summary>
public static partial class RowLaneModels
{
    [Differentiable]
    public static double SoftmaxNamedAsMembers(double[] w, double[] b, [NoDerivative] double[] x, [NoDerivative] double[] y, int m, int n, int k)
    {
        double[] Create = new double[k];
        double total = 0.0;
        for (int i = 0; i < m; i++)
        {
            for (int c = 0; c < k; c++)
            {
                double s = b[c];
                for (int j = 0; j < n; j++)
                {
                    s += w[c * n + j] * x[i * n + j];
                }

                Create[c] = s;
            }

            double Max = Create[0];
            for (int c = 1; c < k; c++)
            {
                Max = Math.Max(Max, Create[c]);
            }

            double Sum = 0.0;
            for (int c = 0; c < k; c++)
            {
                Sum += Math.Exp(Create[c] - Max);
            }

            double Exp = Math.Log(Sum);
            double Log = Max + Exp;
            double @double = 0.0;
            for (int c = 0; c < k; c++)
            {
                @double += y[i * k + c] * (Log - Create[c]);
            }

            total += @double;
        }

        double MaxSecond = total / m;
        return MaxSecond;
    }

    [Differentiable(ExactSums = true)]
    public static double SoftmaxNamedAsMembersExact(double[] w, double[] b, [NoDerivative] double[] x, [NoDerivative] double[] y, int m, int n, int k) => SoftmaxNamedAsMembers(w, b, x, y, m, n, k);
}
