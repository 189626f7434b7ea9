// status: fixed
// found by: --inputs 10000 --seed 103, input #6978 (random loop programs, mutated: rename an identifier, splice a statement), shrunk
// symptom: GeneratedCodeError CS0841: SymGrad.Generator/SymGrad.Generator.DifferentiableGenerator/RandomLoops.F1_doubleArray_double_doubleArray.SymGrad.g.cs(39,55): error CS0841: Cannot use local variable '@double' before it is declared
using SymGrad;
  partial class RandomLoops
{
     static double F0(double[] a, double @double, [NoDerivative] double[] b)
    {
        double s = a[0];
        double u = a[0];
        return      + ((1.375) + (u));
    }
    [Differentiable]
     static double F1(double[] a, double @double, [NoDerivative] double[] b)
    {
        double s = 1;
        double u = 1;
        {
        }
        {
        }
        {
            @double = SymMath.Sigmoid(@double) + SymMath.Softplus(@double) + SymMath.Relu(@double);
        }
        return      + (SymMath.Relu(s));
    }
}