namespace SymGrad.Optimizers
{
    /// <summary>Element operations written in the same operand order as PyTorch's CPU kernels, so trajectories match to rounding.</summary>
    internal static class TorchMath
    {
        /// <summary><c>torch.lerp(start, end, weight)</c>: start + weight * (end - start) when |weight| &lt; 0.5, else end - (end - start) * (1 - weight).</summary>
        public static double Lerp(double start, double end, double weight)
        {
            double diff = end - start;
            return System.Math.Abs(weight) < 0.5 ? start + (weight * diff) : end - (diff * (1.0 - weight));
        }

        /// <summary><c>self.addcmul(t1, t2, value)</c>: self + value * t1 * t2.</summary>
        public static double AddCMul(double self, double t1, double t2, double value) => self + (value * t1 * t2);

        /// <summary><c>self.addcdiv(t1, t2, value)</c>: self + value * t1 / t2.</summary>
        public static double AddCDiv(double self, double t1, double t2, double value) => self + (value * t1 / t2);
    }
}
