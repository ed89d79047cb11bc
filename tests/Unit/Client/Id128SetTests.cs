using System;
using ModeScim.Client.Paging;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    /// <summary>The flat set a listing keeps its GUID ids in: exact whatever its size and however the values cluster.</summary>
    public class Id128SetTests
    {
        [Fact]
        public void Values_added_before_the_set_grows_are_still_known_after()
        {
            var set = new Id128Set(expectedCount: 10);

            for (ulong i = 1; i <= 10_000; i++)
            {
                Assert.True(set.Add(i, i * 3));
            }
            for (ulong i = 1; i <= 10_000; i++)
            {
                Assert.False(set.Add(i, i * 3));
            }
            Assert.Equal(10_000, set.Count);
        }

        [Fact]
        public void Values_that_share_one_half_are_different_values()
        {
            var set = new Id128Set(expectedCount: 0);

            Assert.True(set.Add(7, 1));
            Assert.True(set.Add(7, 2));
            Assert.True(set.Add(1, 7));
            Assert.True(set.Add(2, 7));
            Assert.False(set.Add(7, 2));
            Assert.Equal(4, set.Count);
        }

        [Fact]
        public void The_all_zero_value_is_kept_like_any_other()
        {
            var set = new Id128Set(expectedCount: 4);

            Assert.True(set.Add(0, 0));
            Assert.False(set.Add(0, 0));
            Assert.True(set.Add(0, 1));
            Assert.Equal(2, set.Count);
        }

        [Fact]
        public void Sequential_values_in_either_half_are_all_kept()
        {
            var set = new Id128Set(expectedCount: 50_000);

            for (ulong i = 0; i < 25_000; i++)
            {
                Assert.True(set.Add(0x0123456789abcdefUL, i));
                Assert.True(set.Add(i << 48, 0xfedcba9876543210UL));
            }
            Assert.Equal(50_000, set.Count);
            Assert.False(set.Add(0x0123456789abcdefUL, 24_999));
            Assert.False(set.Add(24_999UL << 48, 0xfedcba9876543210UL));
        }

        [Fact]
        public void A_set_sized_for_its_count_takes_16_bytes_a_slot_and_never_grows()
        {
            var random = new Random(7);
            var values = new ulong[2 * 100_000];
            var buffer = new byte[8];
            for (var i = 0; i < values.Length; i++)
            {
                random.NextBytes(buffer);
                values[i] = BitConverter.ToUInt64(buffer, 0);
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            var set = new Id128Set(expectedCount: 100_000);
            for (var i = 0; i < values.Length; i += 2)
            {
                set.Add(values[i], values[i + 1]);
            }
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(100_000, set.Count);
            // 100,000 ids at most 70% of the slots: 142,858 slots of 16 bytes, allocated once.
            Assert.InRange(allocated, 100_000 * 16, 2_400_000);
        }
    }
}
