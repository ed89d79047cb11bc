using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace ModeScim.PowerShell.Connections
{
    /// <summary>The connection that Connect-ModeScim made last in this runspace, used by every cmdlet given no
    /// -Connection. Each runspace has its own: `ForEach-Object -Parallel` and thread jobs connect side by side
    /// without one closing the connection another is using. A runspace that goes away takes its slot with it.</summary>
    internal static class ConnectionRegistry
    {
        private static readonly ConditionalWeakTable<object, Slot> Slots = new ConditionalWeakTable<object, Slot>();

        // Code that runs outside any runspace (a unit test, a host thread) shares one slot.
        private static readonly object NoRunspace = new object();

        public static ModeScimConnection? Current
        {
            get
            {
                var slot = SlotOfThisRunspace();
                lock (slot)
                {
                    return slot.Connection;
                }
            }
        }

        /// <summary>Makes <paramref name="connection"/> current in this runspace. The previous one is closed unless
        /// the caller holds it (it was returned with -PassThru); then it stays usable through -Connection.</summary>
        public static void Replace(ModeScimConnection connection)
        {
            var slot = SlotOfThisRunspace();
            ModeScimConnection? previous;
            lock (slot)
            {
                previous = slot.Connection;
                slot.Connection = connection;
            }
            if (previous != null && !previous.HeldByCaller && !ReferenceEquals(previous, connection))
            {
                previous.Dispose();
            }
        }

        /// <summary>Closes the connection; forgets it when it is this runspace's current one.</summary>
        public static void Close(ModeScimConnection connection)
        {
            var slot = SlotOfThisRunspace();
            lock (slot)
            {
                if (ReferenceEquals(slot.Connection, connection))
                {
                    slot.Connection = null;
                }
            }
            connection.Dispose();
        }

        /// <summary>Closes this runspace's current connection (the module is being removed from it).</summary>
        public static void Clear()
        {
            var slot = SlotOfThisRunspace();
            ModeScimConnection? previous;
            lock (slot)
            {
                previous = slot.Connection;
                slot.Connection = null;
            }
            previous?.Dispose();
        }

        private static Slot SlotOfThisRunspace()
        {
            return Slots.GetValue((object?)Runspace.DefaultRunspace ?? NoRunspace, _ => new Slot());
        }

        private sealed class Slot
        {
            public ModeScimConnection? Connection { get; set; }
        }
    }
}
