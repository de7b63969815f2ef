using System.Collections.Generic;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Several results for one item, where one item carries several rows of input (Move-TallyfyAssignment moves every row
    /// on one record in one write): the pipeline stamps and writes each, in order.
    /// </summary>
    internal sealed class ResultList : List<TallyfyOperationResult>
    {
        public ResultList(IEnumerable<TallyfyOperationResult> results)
            : base(results)
        {
        }
    }
}
