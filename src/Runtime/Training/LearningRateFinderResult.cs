using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SymGrad.Training
{
    /// <summary>The curve recorded by <see cref="LearningRateFinder.Run"/> and the suggested learning rate.</summary>
    public sealed class LearningRateFinderResult
    {
        internal LearningRateFinderResult(double[] rates, double[] raw, double[] smoothed, double suggested, int minimumIndex, bool diverged)
        {
            LearningRates = rates;
            RawLosses = raw;
            SmoothedLosses = smoothed;
            SuggestedLearningRate = suggested;
            MinimumLossIndex = minimumIndex;
            Diverged = diverged;
        }

        /// <summary>The learning rate of each recorded step.</summary>
        public IReadOnlyList<double> LearningRates { get; }

        /// <summary>The batch loss measured at each step (before that step's update).</summary>
        public IReadOnlyList<double> RawLosses { get; }

        /// <summary>The bias-corrected exponentially smoothed loss at each step.</summary>
        public IReadOnlyList<double> SmoothedLosses { get; }

        /// <summary>The rate at the steepest descent of the smoothed loss against log(learning rate), before its minimum.</summary>
        public double SuggestedLearningRate { get; }

        /// <summary>The index of the lowest smoothed loss.</summary>
        public int MinimumLossIndex { get; }

        /// <summary>The learning rate at the lowest smoothed loss; the suggestion is normally well below it.</summary>
        public double MinimumLossLearningRate => LearningRates[MinimumLossIndex];

        /// <summary>True when the test stopped early because the loss diverged.</summary>
        public bool Diverged { get; }

        /// <summary>A summary line followed by a coarse table of the curve.</summary>
        /// <returns>The text.</returns>
        public override string ToString()
        {
            var text = new StringBuilder();
            text.AppendLine(string.Format(CultureInfo.InvariantCulture, "LR range test: {0} steps{1}; suggested learning rate {2:G3} (minimum smoothed loss at {3:G3}).", LearningRates.Count, Diverged ? ", stopped on divergence" : string.Empty, SuggestedLearningRate, MinimumLossLearningRate));
            int stride = System.Math.Max(1, LearningRates.Count / 20);
            for (int i = 0; i < LearningRates.Count; i += stride)
            {
                text.AppendLine(string.Format(CultureInfo.InvariantCulture, "{0,12:G4} {1,14:G6}", LearningRates[i], SmoothedLosses[i]));
            }

            return text.ToString().TrimEnd();
        }
    }
}
