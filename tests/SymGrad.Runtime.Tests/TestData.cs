using System;
using System.IO;
using SymGrad.Data;

namespace SymGrad.Runtime.Tests
{
    /// <summary>Locates ../shared/data by walking up from the test binaries and loads the data sets once.</summary>
    internal static class TestData
    {
        private static readonly Lazy<string> Folder = new Lazy<string>(Locate);
        private static readonly Lazy<DataSet> IrisData = new Lazy<DataSet>(() => CsvDataSet.LoadScikitLearn(PathOf("iris.csv")));
        private static readonly Lazy<DataSet> WineData = new Lazy<DataSet>(() => CsvDataSet.LoadScikitLearn(PathOf("wine_data.csv")));
        private static readonly Lazy<DataSet> BreastCancerData = new Lazy<DataSet>(() => CsvDataSet.LoadScikitLearn(PathOf("breast_cancer.csv")));

        public static DataSet Iris => IrisData.Value;

        public static DataSet Wine => WineData.Value;

        public static DataSet BreastCancer => BreastCancerData.Value;

        public static string PathOf(string fileName) => Path.Combine(Folder.Value, fileName);

        /// <summary>A stratified 75/25 split, standardised with statistics of the training part only.</summary>
        public static (DataSet Train, DataSet Test) StandardisedSplit(DataSet data, int seed)
        {
            (DataSet train, DataSet test) = DataSplit.Stratified(data, 0.25, seed);
            Standardizer scaler = Standardizer.Fit(train);
            return (scaler.Transform(train), scaler.Transform(test));
        }

        private static string Locate()
        {
            for (DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "shared", "data");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException($"Could not find a 'shared/data' folder in any parent of {AppContext.BaseDirectory}; the data sets must be in ../shared/data beside the repository.");
        }
    }
}
