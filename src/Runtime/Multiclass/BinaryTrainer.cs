using SymGrad.Data;

namespace SymGrad.Multiclass
{
    /// <summary>
    /// Trains a binary classifier on a data set whose targets are 0 and 1 (<see cref="DataSet.ClassCount"/> is 2).
    /// The one-vs-rest and one-vs-one strategies call it once per sub-problem, so any binary model can be plugged in;
    /// <see cref="LogisticRegressionModel.CreateTrainer"/> gives the reference logistic regression.
    /// </summary>
    /// <param name="binaryData">The sub-problem's data with 0/1 targets.</param>
    /// <returns>The trained classifier.</returns>
    public delegate IBinaryClassifier BinaryTrainer(DataSet binaryData);
}
