using System;

namespace SymGrad.Multiclass
{
    /// <summary>A trained classifier over <see cref="ClassCount"/> classes.</summary>
    public interface IMulticlassClassifier
    {
        /// <summary>The number of classes.</summary>
        int ClassCount { get; }

        /// <summary>The number of features per row.</summary>
        int FeatureCount { get; }

        /// <summary>Predicts the class of one row.</summary>
        /// <param name="features">One row of features.</param>
        /// <returns>The class in [0, ClassCount).</returns>
        int Predict(ReadOnlySpan<double> features);
    }
}
