using System;
using System.Management.Automation;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// One record to get by id: read concurrently, written in input order (the object, or one error). With
    /// <c>enumerate</c>, a read that gives several records (the comments of a task or run) writes each on its own.
    /// </summary>
    internal sealed class ReadEntry<T>
    {
        private readonly TallyfyCmdlet _owner;
        private readonly WorkItem _item;
        private readonly Noun _noun;
        private readonly Func<RequestCounter, Task<T>> _read;
        private readonly RequestCounter _requests;
        private readonly bool _enumerate;
        private T? _value;
        private TallyfyApiException? _error;

        public ReadEntry(TallyfyCmdlet owner, WorkItem item, Noun noun, Func<RequestCounter, Task<T>> read, bool enumerate = false)
        {
            _enumerate = enumerate;
            _owner = owner;
            _item = item;
            _noun = noun;
            _read = read;
            _requests = owner.Context.NewCounter();
            Entry = new OrderedWorkQueue.Entry(this, null, null, Decide, Write);
        }

        /// <summary>Its place in the call's queue.</summary>
        public OrderedWorkQueue.Entry Entry { get; }

        private Func<CallContext, Task>? Decide()
        {
            if (_item.Refusal != null)
            {
                return null;
            }

            return async _ =>
            {
                try
                {
                    _value = await _read(_requests).ConfigureAwait(false);
                }
                catch (TallyfyApiException ex)
                {
                    _error = ex;
                }
            };
        }

        private void Write()
        {
            if (_item.Refusal != null)
            {
                _owner.WriteError(_item.Refusal);
            }
            else if (_error != null)
            {
                _owner.WriteError(Errors.FromApi(_error, _noun, _item.Id, _item.Name, _item.Target, _requests.Sent));
            }
            else
            {
                _owner.WriteObject(_value, _enumerate);
            }
        }
    }
}
