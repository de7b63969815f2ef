using System.Runtime.CompilerServices;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// The sessions of this process: the current one (set by Connect-Tallyfy; not a PowerShell variable, so every
    /// runspace of the process sees it) and each session's connection, kept apart from the session object so that
    /// the object stays plain data. A session passed with -Session to another runspace finds its connection here.
    /// </summary>
    internal static class SessionStore
    {
        private static readonly object Lock = new object();
        private static readonly ConditionalWeakTable<TallyfySession, TallyfyOperations> Connections = new ConditionalWeakTable<TallyfySession, TallyfyOperations>();
        private static TallyfySession? _current;

        public static TallyfySession? Current
        {
            get
            {
                lock (Lock)
                {
                    return _current;
                }
            }
        }

        /// <summary>Keeps a new session's connection and (by default) makes the session current.</summary>
        public static void Add(TallyfySession session, TallyfyOperations api, bool makeCurrent = true)
        {
            lock (Lock)
            {
                Connections.Add(session, api);
                if (makeCurrent)
                {
                    _current = session;
                }
            }
        }

        /// <summary>The connection of a session (its operations, and their API); null once it was closed.</summary>
        public static TallyfyOperations? ConnectionOf(TallyfySession session)
        {
            lock (Lock)
            {
                return Connections.TryGetValue(session, out TallyfyOperations? ops) ? ops : null;
            }
        }

        /// <summary>Closes a session: its connections, and its place as current.</summary>
        public static void Close(TallyfySession session)
        {
            TallyfyOperations? api;
            lock (Lock)
            {
                if (ReferenceEquals(_current, session))
                {
                    _current = null;
                }

                if (Connections.TryGetValue(session, out api))
                {
                    Connections.Remove(session);
                }

                session.IsDisconnected = true;
            }

            api?.Dispose();
        }

        /// <summary>Forgets the current session (when the module is removed).</summary>
        public static void Clear()
        {
            lock (Lock)
            {
                _current = null;
            }
        }
    }
}
