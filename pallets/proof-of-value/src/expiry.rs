//! The automatic closing of expired contributions (§5: "closed automatically with spare block
//! weight").
//!
//! Every contribution that is not closed is scheduled in [`Expiring`] under the first block in
//! which it can be closed; it stays there while its closing takes several steps, so that the
//! steps continue in later blocks. [`ExpiryCursor`] remembers the earliest block not cleared yet and how many
//! contributions are scheduled, so that `on_idle` finds the next one to close in O(1) and an empty
//! schedule costs one read.

use crate::{
	AwaitingManualClose, Config, Contributions, Expiring, ExpiryCursor, Pallet, WeightInfo,
};
use codec::{Decode, Encode, MaxEncodedLen};
use covalue_primitives::ContributionId;
use frame_support::{defensive, weights::WeightMeter};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_runtime::traits::{One, Saturating};

/// Where the automatic closing stands.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct Cursor<BlockNumber> {
	/// The earliest block of [`Expiring`] that has not been cleared yet.
	pub earliest: BlockNumber,
	/// How many contributions [`Expiring`] holds (at least one: an empty schedule has no cursor).
	pub scheduled: u32,
}

impl<T: Config> Pallet<T> {
	/// Schedules `contribution` for automatic closing from block `at` on.
	pub(crate) fn schedule_expiry(contribution: ContributionId, at: BlockNumberFor<T>) {
		Expiring::<T>::insert(at, contribution, ());
		ExpiryCursor::<T>::mutate(|cursor| {
			*cursor = Some(match *cursor {
				Some(Cursor { earliest, scheduled }) => {
					Cursor { earliest: earliest.min(at), scheduled: scheduled.saturating_add(1) }
				},
				None => Cursor { earliest: at, scheduled: 1 },
			})
		});
	}

	/// Removes `contribution` from the schedule (nothing happens if it is not scheduled at `at`).
	pub(crate) fn unschedule_expiry(contribution: ContributionId, at: BlockNumberFor<T>) {
		if Expiring::<T>::take(at, contribution).is_none() {
			return;
		}
		ExpiryCursor::<T>::mutate(|cursor| {
			*cursor = match *cursor {
				Some(Cursor { scheduled, .. }) if scheduled <= 1 => None,
				Some(Cursor { earliest, scheduled }) => {
					Some(Cursor { earliest, scheduled: scheduled - 1 })
				},
				None => None,
			}
		});
	}

	/// Takes closing steps of expired contributions while `meter` allows, oldest expiry first;
	/// a closing that does not fit continues in the next block. A contribution whose closing fails is left for a manual `close` ([`AwaitingManualClose`]) instead of
	/// being retried in every block.
	pub(crate) fn close_expired(now: BlockNumberFor<T>, meter: &mut WeightMeter) {
		let step = T::WeightInfo::expiry_step();
		loop {
			if meter.try_consume(step).is_err() {
				return;
			}
			let Some(Cursor { earliest, .. }) = ExpiryCursor::<T>::get() else { return };
			if earliest > now {
				return;
			}
			let Some(contribution) = Expiring::<T>::iter_key_prefix(earliest).next() else {
				// Nothing left at this block: move on to the next one.
				ExpiryCursor::<T>::mutate(|cursor| {
					if let Some(cursor) = cursor {
						cursor.earliest = cursor.earliest.saturating_add(One::one());
					}
				});
				continue;
			};
			let Some(c) = Contributions::<T>::get(contribution) else {
				defensive!("an expiring contribution does not exist");
				Self::unschedule_expiry(contribution, earliest);
				continue;
			};
			// As many settlement items as the remaining weight allows: a closing too large
			// for one block continues in the next ones.
			let Some(items) = Self::items_within(&c, meter.remaining()) else { return };
			if items == 0 {
				return;
			}
			meter.consume(Self::close_step_weight(&c, items));
			if let Err(e) = frame_support::storage::with_storage_layer(|| {
				Self::close_step(contribution, c, items)
			}) {
				log::warn!(
					target: "runtime::proof-of-value",
					"automatic closing of contribution {contribution} failed: {e:?}"
				);
				Self::unschedule_expiry(contribution, earliest);
				AwaitingManualClose::<T>::insert(contribution, ());
			}
		}
	}
}
