using System;

namespace SymGrad.Multiclass
{
    /// <summary>A trained binary classifier that scores one feature row.</summary>
    public interface IBinaryClassifier
    {
        /// <summary>The estimated probability (or any score in [0, 1]) that the row belongs to the positive class 1.</summary>
        /// <param name="features">One row of features.</param>
        /// <returns>A value in [0, 1].</returns>
        double PredictProbability(ReadOnlySpan<double> features);
    }
}
