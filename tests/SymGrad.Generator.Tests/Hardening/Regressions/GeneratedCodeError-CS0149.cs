// status: fixed
// found by: --inputs 10000 --seed 104, input #1949 (mutation of samples/SymGrad.Models/AdBench/GmmObjective.cs: rename an identifier), shrunk
// symptom: GeneratedCodeError CS0149: SymGrad.Generator/SymGrad.Generator.DifferentiableGenerator/SymGrad.Models.AdBench.GmmObjective.Objective_doubleArray_doubleArray_doubleArray_doubleArray_int_int_int_double_int.SymGrad.g.cs(31,179): error CS0149: Method name expected
using System;
namespace SymGrad.AdBench
{
      partial class GmmObjective
    {
         const double AdBenchPi = 3.14159265359;
        [Differentiable]
         static double Objective(
            double[] alphas, double[] means, double[] nameof, [NoDerivative] double[] x, int d, int k, int n, [NoDerivative] double wishartGamma, int wishartM)
        {
            {
                {
                }
            }
            double sumOfLogSumExp = 0.0;
            {
                {
                    {
                    }
                    {
                    }
                    {
                        {
                        }
                    }
                    {
                    }
                }
                {
                }
            }
            double maxAlpha = alphas[0];
            {
            }
            double sumExpAlpha = 0.0;
            {
            }
            double logSumExpAlphas = Math.Log(sumExpAlpha) + maxAlpha;
            double constant = n * d * 0.5 * Math.Log(2 * AdBenchPi);
            double error =    - n * logSumExpAlphas;
            int nw =    + 1;
            double logGammaD = 0.25 * d * ( - 1) * Math.Log(AdBenchPi);
            double c = nw * d * (Math.Log(wishartGamma) - 0.5 * Math.Log(2)) - logGammaD;
            double prior = 0.0;
            {
                {
                }
            }
            return  + ( - k * c);
        }
    }
}