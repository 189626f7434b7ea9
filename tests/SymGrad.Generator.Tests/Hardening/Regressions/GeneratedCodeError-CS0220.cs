// status: fixed
// found by: --inputs 2000 --seed 14, input #1218 (mutation of tests/SymGrad.Generator.Tests/SnapshotTests.cs (string 30): extreme literal, splice a statement), shrunk
// symptom: GeneratedCodeError CS0220: SymGrad.Generator/SymGrad.Generator.DifferentiableGenerator/Corpus.Model.F_doubleArray_doubleArray_doubleArray_int.SymGrad.g.cs(43,53): error CS0220: The operation overflows at compile time in checked mode
using SymGrad;
  partial class Model
{
[Differentiable]
 static double F(double[] w, [NoDerivative] double[] x, [NoDerivative] double[] y, int n)
{
    double loss = 0;
    for (int i = 0; i < y.Length; i++)
    {
        double z = w[0];
for (int j = 2147483647; j < n; j++)
        {
            z += w[j + 1] * x[i * n + j];
        }
    }
    return loss / y.Length;
}
}