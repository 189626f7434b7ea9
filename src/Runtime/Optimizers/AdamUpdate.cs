using System;

namespace SymGrad.Optimizers
{
    /// <summary>The update shared by <see cref="Adam"/> and <see cref="AdamW"/>, written like torch's single-tensor <c>_single_tensor_adam</c>.</summary>
    internal static class AdamUpdate
    {
        public static void Apply(
            Span<double> parameters,
            ReadOnlySpan<double> gradient,
            long step,
            double lr,
            double beta1,
            double beta2,
            double epsilon,
            double weightDecay,
            bool decoupled,
            double[] expAvg,
            double[] expAvgSq,
            double[]? maxExpAvgSq)
        {
            double biasCorrection1 = 1.0 - Math.Pow(beta1, step);
            double biasCorrection2 = 1.0 - Math.Pow(beta2, step);
            double stepSize = lr / biasCorrection1;
            double biasCorrection2Sqrt = Math.Sqrt(biasCorrection2);
            double decay = 1.0 - (lr * weightDecay);
            for (int i = 0; i < parameters.Length; i++)
            {
                double g = gradient[i];
                if (weightDecay != 0.0)
                {
                    if (decoupled)
                    {
                        parameters[i] *= decay;
                    }
                    else
                    {
                        g += weightDecay * parameters[i];
                    }
                }

                expAvg[i] = TorchMath.Lerp(expAvg[i], g, 1.0 - beta1);
                expAvgSq[i] = TorchMath.AddCMul(expAvgSq[i] * beta2, g, g, 1.0 - beta2);
                double second = expAvgSq[i];
                if (maxExpAvgSq is not null)
                {
                    maxExpAvgSq[i] = Math.Max(maxExpAvgSq[i], expAvgSq[i]);
                    second = maxExpAvgSq[i];
                }

                double denom = (Math.Sqrt(second) / biasCorrection2Sqrt) + epsilon;
                parameters[i] = TorchMath.AddCDiv(parameters[i], expAvg[i], denom, -stepSize);
            }
        }
    }
}
