using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace TallyfyPS.Client
{
    /// <summary>
    /// Values read once per key and shared by every item that needs them (a template's fields for every row of a
    /// launch, the live runs of a template for -SkipExisting): the first item's read serves all, concurrently.
    /// </summary>
    internal sealed class AsyncCache<T>
    {
        private readonly ConcurrentDictionary<string, Lazy<Task<T>>> _values = new ConcurrentDictionary<string, Lazy<Task<T>>>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The value of <paramref name="key"/>, read by <paramref name="read"/> the first time it is asked for.</summary>
        public Task<T> GetAsync(string key, Func<Task<T>> read) =>
            _values.GetOrAdd(key, _ => new Lazy<Task<T>>(read, LazyThreadSafetyMode.ExecutionAndPublication)).Value;

        /// <summary>Keeps a value already known (a template that came in through the pipeline).</summary>
        public void Set(string key, T value) => _values.TryAdd(key, new Lazy<Task<T>>(() => Task.FromResult(value)));
    }
}
