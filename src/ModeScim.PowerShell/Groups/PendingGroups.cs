using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using ModeScim.PowerShell.Identity;

namespace ModeScim.PowerShell.Groups
{
    /// <summary>A group a command collects desired members for before it reads or changes anything.</summary>
    internal class PendingGroup
    {
        public PendingGroup(string key, ModeGroupIdentity identity)
        {
            Key = key;
            Identity = identity;
        }

        /// <summary>The group's id where an object named it, else the text that did, trimmed.</summary>
        public string Key { get; }

        public ModeGroupIdentity Identity { get; }

        public string Label => Identity.Group?.DisplayName ?? Identity.Text ?? Key;

        public List<DesiredMember> Members { get; } = new List<DesiredMember>();
    }

    /// <summary>The groups a command was given, in the order first named: a group named again (the same object, or the
    /// same text whatever its case and surrounding blanks) collects into the entry it already has, so each group is
    /// read and changed once.</summary>
    internal sealed class PendingGroups<T> : IReadOnlyList<T>
        where T : PendingGroup
    {
        private readonly List<T> _groups = new List<T>();
        private readonly Func<string, ModeGroupIdentity, T> _create;

        public PendingGroups(Func<string, ModeGroupIdentity, T> create)
        {
            _create = create;
        }

        public int Count => _groups.Count;

        public T this[int index] => _groups[index];

        /// <summary>The entry for <paramref name="identity"/>, made on its first mention.</summary>
        public T For(ModeGroupIdentity identity)
        {
            var key = identity.Group?.Id ?? identity.Text!.Trim();
            var existing = _groups.FirstOrDefault(g => string.Equals(g.Key, key, StringComparison.OrdinalIgnoreCase));
            if (existing != null)
            {
                return existing;
            }
            var pending = _create(key, identity);
            _groups.Add(pending);
            return pending;
        }

        public IEnumerator<T> GetEnumerator() => _groups.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
