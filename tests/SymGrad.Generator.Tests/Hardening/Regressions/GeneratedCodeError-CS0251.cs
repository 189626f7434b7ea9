// status: fixed
// found by: --inputs 10000 --seed 101, input #8360 (mutation of tests/SymGrad.Consumer.Tests/SoftmaxModels.cs: extreme literal), shrunk
// symptom: GeneratedCodeError CS0251: SymGrad.Generator/SymGrad.Generator.DifferentiableGenerator/SymGrad.Consumer.Tests.SoftmaxModels.LongerOutput_doubleArray.SymGrad.g.cs(46,31): warning CS0251: Indexing an array with a negative index (array indices always start at zero)
namespace SymGrad.Tests;
  partial class SoftmaxModels
{
    [Differentiable]
     static double LongerOutput(double[] z)
    {
        double[] p = new double[z.Length + 1];
        return p[-1];
    }
}