//! The pallets whose extrinsics are benchmarked for this runtime's weights.

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
);
