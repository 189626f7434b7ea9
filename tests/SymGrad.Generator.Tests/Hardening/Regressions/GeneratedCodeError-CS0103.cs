// status: fixed
// found by: --inputs 10000 --seed 101, input #2168 (random loop programs, mutated: splice a statement), shrunk
// symptom: GeneratedCodeError CS0103: SymGrad.Generator/SymGrad.Generator.DifferentiableGenerator/RandomLoops.F1_doubleArray_double_doubleArray.SymGrad.g.cs(190,46): error CS0103: The name 't3' does not exist in the current context
using System;
using SymGrad;
  partial class RandomLoops
{
    [Differentiable]
     static double F0(double[] a, double x, [NoDerivative] double[] b)
    {
        double s = x;
        double u = b[1];
        {
        }
        {
        }
        if (x > 0) return Math.Log(x);
        {
            {
            }
        }
        {
        }
        double[] t3 = new double[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            s += ((t3[i]) / ( + (a[i]) * (a[i]))) * ((x) + (a[i]));
        }
        return      + (((1.5 > 0 && s < 0.5) ? (x) : (u)));
    }
}