//! The pallets whose extrinsics are benchmarked for this runtime's weights.

// `define_benchmarks!` defines macros that name the pallets; they are expanded only in this crate
// (`apis.rs`), where `crate::` is the runtime, so the paths are meant as written.
#![allow(clippy::crate_in_macro_def)]

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_balances, crate::Balances]
	[pallet_timestamp, crate::Timestamp]
	[pallet_sudo, crate::Sudo]
	[pallet_cooperatives, crate::Cooperatives]
	[pallet_proof_of_value, crate::ProofOfValue]
	[pallet_reserve, crate::Reserve]
	[pallet_asset_conversion, crate::AssetConversion]
	[pallet_founding_cooperative, crate::FoundingCooperative]
	[pallet_validator_set, crate::ValidatorSet]
);

/// What the DC pallets' benchmarks need from the rest of the runtime: DCs created through the
/// cooperatives pallet, as on chain, and funded accounts.
pub struct Helper;

impl Helper {
	fn create(
		admin: &crate::AccountId,
		parameters: pallet_cooperatives::ParametersOf<crate::Runtime>,
		members: alloc::vec::Vec<(crate::AccountId, pallet_cooperatives::Reputation)>,
	) -> pallet_cooperatives::CooperativeId {
		use frame_support::traits::fungible::Mutate;
		crate::Balances::set_balance(admin, crate::Balance::MAX / 4);
		let dc = pallet_cooperatives::NextCooperativeId::<crate::Runtime>::get();
		crate::Cooperatives::create_dc(
			crate::RuntimeOrigin::signed(admin.clone()),
			b"bench".to_vec().try_into().expect("short"),
			b"bench".to_vec().try_into().expect("short"),
			b"B".to_vec().try_into().expect("short"),
			0,
			parameters,
			10,
			members.try_into().expect("at most MaxInitialMembers"),
		)
		.expect("a valid DC");
		dc
	}
}

impl pallet_proof_of_value::BenchmarkHelper<crate::AccountId, crate::BlockNumber> for Helper {
	fn max_members() -> u32 {
		<<crate::Runtime as pallet_cooperatives::Config>::MaxInitialMembers as frame_support::traits::Get<u32>>::get()
	}

	fn create_cooperative(
		parameters: pallet_cooperatives::ParametersOf<crate::Runtime>,
		members: alloc::vec::Vec<(crate::AccountId, pallet_cooperatives::Reputation)>,
	) -> pallet_cooperatives::CooperativeId {
		Self::create(&frame_benchmarking::account("dc-admin", 0, 0), parameters, members)
	}
}

impl pallet_reserve::BenchmarkHelper<crate::AccountId> for Helper {
	fn create_cooperative(admin: &crate::AccountId) -> pallet_cooperatives::CooperativeId {
		let parameters = pallet_cooperatives::Parameters {
			min_score: 0,
			max_score: 10,
			quorum: sp_runtime::Perbill::from_percent(50),
			stake: sp_runtime::Perbill::from_percent(10),
			alignment_radius: 0,
			token_per_point: 10,
			reputation_per_point: 20,
			evaluation_period: 10,
		};
		Self::create(admin, parameters, alloc::vec![(admin.clone(), 1_000)])
	}

	fn fund(who: &crate::AccountId, amount: u128) {
		use frame_support::traits::fungible::Mutate;
		crate::Balances::set_balance(who, amount);
	}
}

impl pallet_founding_cooperative::BenchmarkHelper for Helper {
	fn self_governed_cooperative() -> pallet_cooperatives::CooperativeId {
		let admin: crate::AccountId = frame_benchmarking::account("founders-admin", 0, 0);
		let dc =
			<Self as pallet_reserve::BenchmarkHelper<crate::AccountId>>::create_cooperative(&admin);
		crate::Cooperatives::transfer_admin(
			crate::RuntimeOrigin::signed(admin),
			dc,
			crate::Cooperatives::agent_account(dc),
		)
		.expect("the admin hands the role over");
		dc
	}
}

impl pallet_validator_set::BenchmarkHelper<crate::AccountId> for Helper {
	fn register_keys(who: &crate::AccountId) {
		// The record `session.set_keys` leaves, without the proof of possession a benchmark
		// has no keystore to sign.
		let raw: [u8; 32] = *who.as_ref();
		let keys = crate::SessionKeys {
			aura: sp_core::sr25519::Public::from_raw(raw).into(),
			grandpa: sp_core::ed25519::Public::from_raw(raw).into(),
		};
		pallet_session::NextKeys::<crate::Runtime>::insert(who, keys);
	}
}
