namespace SymGrad.Optimizers
{
    /// <summary>
    /// Adam following <c>torch.optim.Adam</c>'s single-tensor implementation (see <see cref="AdamFamily"/>),
    /// with coupled L2 weight decay: g = grad + weightDecay * p.
    /// </summary>
    public sealed class Adam : AdamFamily
    {
        /// <summary>Creates the optimizer; the defaults are torch.optim.Adam's.</summary>
        /// <param name="learningRate">The learning rate (torch default 1e-3).</param>
        /// <param name="beta1">The decay rate of the first moment, in [0, 1).</param>
        /// <param name="beta2">The decay rate of the second moment, in [0, 1).</param>
        /// <param name="epsilon">Added to the denominator after the square root, non-negative.</param>
        /// <param name="weightDecay">The weight decay, non-negative.</param>
        /// <param name="amsgrad">Use the running maximum of the second moment (AMSGrad).</param>
        public Adam(double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0.0, bool amsgrad = false)
            : base(learningRate, beta1, beta2, epsilon, weightDecay, amsgrad, decoupledWeightDecay: false)
        {
        }
    }
}
