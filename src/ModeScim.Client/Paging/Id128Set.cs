using System;

namespace ModeScim.Client.Paging
{
    /// <summary>A set of 128-bit values in one flat array, 16 bytes a slot. <see cref="System.Collections.Generic.HashSet{T}"/>
    /// of <see cref="Guid"/> spends 28 bytes a slot and doubles by copying into the large-object heap, where every
    /// outgrown array stays until a full collection: 100,000 ids held 7-8 MB that way. Sized once from the count the
    /// listing expects, this holds them in about 2 MB and grows only when the server sends more.</summary>
    internal sealed class Id128Set
    {
        // Open addressing with linear probing stays short while at most this share of the slots is used.
        private const double MaxLoad = 0.7;
        private const int SmallestCapacity = 64;

        // Slot i is (_slots[2i], _slots[2i + 1]); (0, 0) marks a free slot, so the all-zero value is kept apart.
        private ulong[] _slots;
        private int _capacity;
        private bool _hasZero;

        public Id128Set(int expectedCount)
        {
            _capacity = CapacityFor(expectedCount);
            _slots = new ulong[_capacity * 2];
        }

        public int Count { get; private set; }

        /// <summary>True the first time a value is added.</summary>
        public bool Add(ulong high, ulong low)
        {
            if (high == 0 && low == 0)
            {
                if (_hasZero)
                {
                    return false;
                }
                _hasZero = true;
                Count++;
                return true;
            }
            if (Count + 1 > _capacity * MaxLoad)
            {
                Grow();
            }
            if (!Insert(_slots, _capacity, high, low))
            {
                return false;
            }
            Count++;
            return true;
        }

        private static int CapacityFor(int count)
        {
            return Math.Max(SmallestCapacity, (int)Math.Ceiling(Math.Max(0, count) / MaxLoad) + 1);
        }

        private void Grow()
        {
            var capacity = checked(_capacity * 2);
            var slots = new ulong[capacity * 2];
            for (var i = 0; i < _capacity; i++)
            {
                var high = _slots[2 * i];
                var low = _slots[(2 * i) + 1];
                if (high != 0 || low != 0)
                {
                    Insert(slots, capacity, high, low);
                }
            }
            _slots = slots;
            _capacity = capacity;
        }

        private static bool Insert(ulong[] slots, int capacity, ulong high, ulong low)
        {
            var i = SlotOf(high, low, capacity);
            while (true)
            {
                var slotHigh = slots[2 * i];
                var slotLow = slots[(2 * i) + 1];
                if (slotHigh == 0 && slotLow == 0)
                {
                    slots[2 * i] = high;
                    slots[(2 * i) + 1] = low;
                    return true;
                }
                if (slotHigh == high && slotLow == low)
                {
                    return false;
                }
                i = i + 1 == capacity ? 0 : i + 1;
            }
        }

        // Ids that differ in few bits (sequential GUIDs) must still land far apart: both halves are mixed into
        // every bit of the hash (a 64-bit finaliser), and its top 32 bits pick the slot by scaling, not modulo.
        private static int SlotOf(ulong high, ulong low, int capacity)
        {
            var x = high ^ (low * 0x9E3779B97F4A7C15UL);
            x ^= x >> 33;
            x *= 0xFF51AFD7ED558CCDUL;
            x ^= x >> 33;
            x *= 0xC4CEB9FE1A85EC53UL;
            x ^= x >> 33;
            return (int)(((x >> 32) * (ulong)capacity) >> 32);
        }
    }
}
