//! The node service: a full node with Aura and GRANDPA, or a single-node fast mode in which
//! blocks are sealed locally (see [`Sealing`]).

use crate::cli::Sealing;
use covalue_runtime::{apis::RuntimeApi, opaque::Block, Hash};
use futures::{
	channel::{mpsc, oneshot},
	future::BoxFuture,
	FutureExt, Stream, StreamExt,
};
use sc_client_api::{Backend, BlockBackend};
use sc_consensus_aura::{ImportQueueParams, SlotProportion, StartAuraParams};
use sc_consensus_grandpa::SharedVoterState;
use sc_consensus_manual_seal::{
	consensus::aura::AuraConsensusDataProvider, EngineCommand, ManualSealParams,
};
use sc_service::{error::Error as ServiceError, Configuration, TaskManager, WarpSyncConfig};
use sc_telemetry::{Telemetry, TelemetryWorker};
use sc_transaction_pool_api::{OffchainTransactionPoolFactory, TransactionPool};
use sp_consensus_aura::sr25519::{AuthorityPair as AuraPair, AuthoritySignature as AuraSignature};
use std::{
	panic::AssertUnwindSafe,
	pin::Pin,
	sync::{
		atomic::{AtomicBool, Ordering},
		Arc,
	},
	time::Duration,
};

pub(crate) type FullClient = sc_service::TFullClient<
	Block,
	RuntimeApi,
	sc_executor::WasmExecutor<sp_io::SubstrateHostFunctions>,
>;
type FullBackend = sc_service::TFullBackend<Block>;
type FullSelectChain = sc_consensus::LongestChain<FullBackend, Block>;
type GrandpaBlockImport =
	sc_consensus_grandpa::GrandpaBlockImport<FullBackend, Block, FullClient, FullSelectChain>;
type GrandpaLink = sc_consensus_grandpa::LinkHalf<Block, FullClient, FullSelectChain>;

/// The minimum period of blocks on which justifications will be imported and generated.
const GRANDPA_JUSTIFICATION_PERIOD: u32 = 512;

/// The parts of a node that chain-maintenance subcommands need, plus GRANDPA's block import and
/// link when blocks come from Aura.
pub type Service = sc_service::PartialComponents<
	FullClient,
	FullBackend,
	FullSelectChain,
	sc_consensus::DefaultImportQueue<Block>,
	sc_transaction_pool::TransactionPoolHandle<Block, FullClient>,
	(Option<(GrandpaBlockImport, GrandpaLink)>, Option<Telemetry>),
>;

/// Spawns the transaction pool's background tasks so that they are essential while the node runs
/// but may end quietly once it stops.
///
/// As essential tasks of the task manager, the pool's tasks would report "Essential task
/// `txpool-background` failed" whenever they end, and they do end while the node shuts down,
/// as the pool's streams close. Here each task runs as an ordinary task, and an essential
/// sentinel of the same name ends (stopping the node, as an essential task's end does) only if
/// the task ended, or panicked, before the node began to stop.
#[derive(Clone)]
struct PoolTasks {
	tasks: sc_service::SpawnTaskHandle,
	essential: sc_service::SpawnEssentialTaskHandle,
	/// Set when the task manager's exit signal fires.
	stopping: Arc<AtomicBool>,
}

impl PoolTasks {
	fn new(task_manager: &TaskManager) -> Self {
		/// Raises the flag when dropped: when the exit signal cancels the task that holds it.
		struct RaiseOnDrop(Arc<AtomicBool>);
		impl Drop for RaiseOnDrop {
			fn drop(&mut self) {
				self.0.store(true, Ordering::SeqCst);
			}
		}
		let stopping = Arc::new(AtomicBool::new(false));
		let raise = RaiseOnDrop(stopping.clone());
		task_manager.spawn_handle().spawn("txpool-stop-watch", None, async move {
			let _raise = raise;
			futures::future::pending::<()>().await
		});
		PoolTasks {
			tasks: task_manager.spawn_handle(),
			essential: task_manager.spawn_essential_handle(),
			stopping,
		}
	}

	fn spawn_guarded(
		&self,
		name: &'static str,
		group: Option<&'static str>,
		task: BoxFuture<'static, ()>,
		blocking: bool,
	) {
		let (failed, failure) = oneshot::channel::<()>();
		self.essential.spawn(name, group, async move {
			// A dropped sender is no failure: the task ended while the node was stopping.
			if failure.await.is_err() {
				futures::future::pending::<()>().await
			}
		});
		let stopping = self.stopping.clone();
		let task = async move {
			let _ = AssertUnwindSafe(task).catch_unwind().await;
			if !stopping.load(Ordering::SeqCst) {
				let _ = failed.send(());
			}
		};
		if blocking {
			self.tasks.spawn_blocking(name, group, task);
		} else {
			self.tasks.spawn(name, group, task);
		}
	}
}

impl sp_core::traits::SpawnEssentialNamed for PoolTasks {
	fn spawn_essential_blocking(
		&self,
		name: &'static str,
		group: Option<&'static str>,
		future: BoxFuture<'static, ()>,
	) {
		self.spawn_guarded(name, group, future, true);
	}

	fn spawn_essential(
		&self,
		name: &'static str,
		group: Option<&'static str>,
		future: BoxFuture<'static, ()>,
	) {
		self.spawn_guarded(name, group, future, false);
	}
}

/// Builds the client, backend, transaction pool and import queue.
pub fn new_partial(config: &Configuration, sealing: Sealing) -> Result<Service, ServiceError> {
	let telemetry = config
		.telemetry_endpoints
		.clone()
		.filter(|x| !x.is_empty())
		.map(|endpoints| -> Result<_, sc_telemetry::Error> {
			let worker = TelemetryWorker::new(16)?;
			let telemetry = worker.handle().new_telemetry(endpoints);
			Ok((worker, telemetry))
		})
		.transpose()?;

	let executor = sc_service::new_wasm_executor::<sp_io::SubstrateHostFunctions>(&config.executor);
	let (client, backend, keystore_container, task_manager) =
		sc_service::new_full_parts::<Block, RuntimeApi, _>(
			config,
			telemetry.as_ref().map(|(_, telemetry)| telemetry.handle()),
			executor,
			Vec::new(),
		)?;
	let client = Arc::new(client);

	let telemetry = telemetry.map(|(worker, telemetry)| {
		task_manager.spawn_handle().spawn("telemetry", None, worker.run());
		telemetry
	});

	let select_chain = sc_consensus::LongestChain::new(backend.clone());

	let transaction_pool = Arc::from(
		sc_transaction_pool::Builder::new(
			PoolTasks::new(&task_manager),
			client.clone(),
			config.role.is_authority().into(),
		)
		.with_options(config.transaction_pool.clone())
		.with_prometheus(config.prometheus_registry())
		.build(),
	);

	let (import_queue, grandpa) = if sealing.is_local() {
		// Locally sealed blocks carry no Aura seal: the manual-seal verifier accepts them.
		let import_queue = sc_consensus_manual_seal::import_queue(
			Box::new(client.clone()),
			&task_manager.spawn_essential_handle(),
			config.prometheus_registry(),
		);
		(import_queue, None)
	} else {
		let (grandpa_block_import, grandpa_link) = sc_consensus_grandpa::block_import(
			client.clone(),
			GRANDPA_JUSTIFICATION_PERIOD,
			&client,
			select_chain.clone(),
			telemetry.as_ref().map(|x| x.handle()),
		)?;
		let cidp_client = client.clone();
		let import_queue =
			sc_consensus_aura::import_queue::<AuraPair, _, _, _, _, _>(ImportQueueParams {
				block_import: grandpa_block_import.clone(),
				justification_import: Some(Box::new(grandpa_block_import.clone())),
				client: client.clone(),
				create_inherent_data_providers: move |parent_hash, _| {
					let cidp_client = cidp_client.clone();
					async move {
						let slot_duration = sc_consensus_aura::standalone::slot_duration_at(
							&*cidp_client,
							parent_hash,
						)?;
						let timestamp = sp_timestamp::InherentDataProvider::from_system_time();
						let slot =
							sp_consensus_aura::inherents::InherentDataProvider::from_timestamp_and_slot_duration(
								*timestamp,
								slot_duration,
							);
						Ok((slot, timestamp))
					}
				},
				spawner: &task_manager.spawn_essential_handle(),
				registry: config.prometheus_registry(),
				check_for_equivocation: Default::default(),
				telemetry: telemetry.as_ref().map(|x| x.handle()),
				compatibility_mode: Default::default(),
			})?;
		(import_queue, Some((grandpa_block_import, grandpa_link)))
	};

	Ok(sc_service::PartialComponents {
		client,
		backend,
		task_manager,
		import_queue,
		keystore_container,
		select_chain,
		transaction_pool,
		other: (grandpa, telemetry),
	})
}

/// Builds a new service for a full client.
pub fn new_full<
	N: sc_network::NetworkBackend<Block, <Block as sp_runtime::traits::Block>::Hash>,
>(
	config: Configuration,
	sealing: Sealing,
) -> Result<TaskManager, ServiceError> {
	let sc_service::PartialComponents {
		client,
		backend,
		mut task_manager,
		import_queue,
		keystore_container,
		select_chain,
		transaction_pool,
		other: (grandpa_parts, mut telemetry),
	} = new_partial(&config, sealing)?;

	let mut net_config = sc_network::config::FullNetworkConfiguration::<
		Block,
		<Block as sp_runtime::traits::Block>::Hash,
		N,
	>::new(&config.network, config.prometheus_registry().cloned());
	let metrics = N::register_notification_metrics(config.prometheus_registry());

	let grandpa_protocol_name = sc_consensus_grandpa::protocol_standard_name(
		&client.block_hash(0).ok().flatten().expect("Genesis block exists; qed"),
		&config.chain_spec,
	);
	let mut grandpa_notification_service = None;
	let mut warp_sync_config = None;
	if let Some((_, grandpa_link)) = &grandpa_parts {
		let (grandpa_protocol_config, notification_service) =
			sc_consensus_grandpa::grandpa_peers_set_config::<_, N>(
				grandpa_protocol_name.clone(),
				metrics.clone(),
				net_config.peer_store_handle(),
			);
		net_config.add_notification_protocol(grandpa_protocol_config);
		grandpa_notification_service = Some(notification_service);
		warp_sync_config = Some(WarpSyncConfig::WithProvider(Arc::new(
			sc_consensus_grandpa::warp_proof::NetworkProvider::new(
				backend.clone(),
				grandpa_link.shared_authority_set().clone(),
				Vec::default(),
			),
		)));
	}

	let (network, system_rpc_tx, tx_handler_controller, sync_service, _bitswap) =
		sc_service::build_network(sc_service::BuildNetworkParams {
			config: &config,
			net_config,
			client: client.clone(),
			transaction_pool: transaction_pool.clone(),
			spawn_handle: task_manager.spawn_handle(),
			spawn_essential_handle: task_manager.spawn_essential_handle(),
			import_queue,
			block_announce_validator_builder: None,
			warp_sync_config,
			block_relay: None,
			metrics,
			gap_sync_body_policy: None,
		})?;

	if config.offchain_worker.enabled {
		let offchain_workers =
			sc_offchain::OffchainWorkers::new(sc_offchain::OffchainWorkerOptions {
				runtime_api_provider: client.clone(),
				is_validator: config.role.is_authority(),
				keystore: Some(keystore_container.keystore()),
				offchain_db: backend.offchain_storage(),
				transaction_pool: Some(OffchainTransactionPoolFactory::new(
					transaction_pool.clone(),
				)),
				network_provider: Arc::new(network.clone()),
				enable_http_requests: true,
				custom_extensions: |_| vec![],
			})?;
		task_manager.spawn_handle().spawn(
			"offchain-workers-runner",
			"offchain-worker",
			offchain_workers.run(client.clone(), task_manager.spawn_handle()).boxed(),
		);
	}

	let role = config.role;
	let force_authoring = config.force_authoring;
	let name = config.network.node_name.clone();
	let enable_grandpa = !config.disable_grandpa;
	let prometheus_registry = config.prometheus_registry().cloned();

	// In the fast modes the `engine_*` RPCs feed the sealing task through this channel.
	let (seal_commands_sink, seal_commands) = if sealing.is_local() {
		let (sink, stream) = mpsc::channel::<EngineCommand<Hash>>(1024);
		(Some(sink), Some(stream))
	} else {
		(None, None)
	};

	let rpc_extensions_builder = {
		let client = client.clone();
		let pool = transaction_pool.clone();

		Box::new(move |_| {
			let deps = crate::rpc::FullDeps {
				client: client.clone(),
				pool: pool.clone(),
				manual_seal: seal_commands_sink.clone(),
			};
			crate::rpc::create_full(deps).map_err(Into::into)
		})
	};

	let _rpc_handlers = sc_service::spawn_tasks(sc_service::SpawnTasksParams {
		network: Arc::new(network.clone()),
		client: client.clone(),
		keystore: keystore_container.keystore(),
		task_manager: &mut task_manager,
		transaction_pool: transaction_pool.clone(),
		rpc_builder: rpc_extensions_builder,
		backend,
		system_rpc_tx,
		tx_handler_controller,
		sync_service: sync_service.clone(),
		config,
		telemetry: telemetry.as_mut(),
		tracing_execute_block: None,
	})?;

	let proposer_factory = sc_basic_authorship::ProposerFactory::new(
		task_manager.spawn_handle(),
		client.clone(),
		transaction_pool.clone(),
		prometheus_registry.as_ref(),
		telemetry.as_ref().map(|x| x.handle()),
	);

	if let Some(rpc_commands) = seal_commands {
		start_local_sealing(
			&task_manager,
			sealing,
			client,
			transaction_pool,
			select_chain,
			proposer_factory,
			rpc_commands,
		)?;
		return Ok(task_manager);
	}

	let Some((block_import, grandpa_link)) = grandpa_parts else {
		return Err(ServiceError::Other("Aura sealing needs GRANDPA's block import".into()));
	};

	if role.is_authority() {
		let slot_duration = sc_consensus_aura::slot_duration(&*client)?;

		let aura = sc_consensus_aura::start_aura::<AuraPair, _, _, _, _, _, _, _, _, _, _>(
			StartAuraParams {
				slot_duration,
				client,
				select_chain,
				block_import,
				proposer_factory,
				create_inherent_data_providers: move |_, ()| async move {
					let timestamp = sp_timestamp::InherentDataProvider::from_system_time();
					let slot =
						sp_consensus_aura::inherents::InherentDataProvider::from_timestamp_and_slot_duration(
							*timestamp,
							slot_duration,
						);
					Ok((slot, timestamp))
				},
				force_authoring,
				backoff_authoring_blocks: Option::<()>::None,
				keystore: keystore_container.keystore(),
				sync_oracle: sync_service.clone(),
				justification_sync_link: sync_service.clone(),
				block_proposal_slot_portion: SlotProportion::new(2f32 / 3f32),
				max_block_proposal_slot_portion: None,
				telemetry: telemetry.as_ref().map(|x| x.handle()),
				compatibility_mode: Default::default(),
			},
		)?;

		// The authoring task is essential: if it fails, the node stops.
		task_manager
			.spawn_essential_handle()
			.spawn_blocking("aura", Some("block-authoring"), aura);
	}

	if enable_grandpa {
		// A node that isn't an authority doesn't vote, so it needs no keystore.
		let keystore = if role.is_authority() { Some(keystore_container.keystore()) } else { None };

		let grandpa_config = sc_consensus_grandpa::Config {
			gossip_duration: Duration::from_millis(333),
			justification_generation_period: GRANDPA_JUSTIFICATION_PERIOD,
			name: Some(name),
			observer_enabled: false,
			keystore,
			local_role: role,
			telemetry: telemetry.as_ref().map(|x| x.handle()),
			protocol_name: grandpa_protocol_name,
		};

		let grandpa_config = sc_consensus_grandpa::GrandpaParams {
			config: grandpa_config,
			link: grandpa_link,
			network,
			sync: Arc::new(sync_service),
			notification_service: grandpa_notification_service
				.expect("the notification service is set up whenever GRANDPA parts exist; qed"),
			voting_rule: sc_consensus_grandpa::VotingRulesBuilder::default().build(),
			prometheus_registry,
			shared_voter_state: SharedVoterState::empty(),
			telemetry: telemetry.as_ref().map(|x| x.handle()),
			offchain_tx_pool_factory: OffchainTransactionPoolFactory::new(transaction_pool),
		};

		// The voter is essential: if it fails, the node stops.
		task_manager.spawn_essential_handle().spawn_blocking(
			"grandpa-voter",
			None,
			sc_consensus_grandpa::run_grandpa_voter(grandpa_config)?,
		);
	}

	Ok(task_manager)
}

/// A command that seals one block on top of the best block and finalizes it.
fn seal_command(create_empty: bool) -> EngineCommand<Hash> {
	EngineCommand::SealNewBlock { create_empty, finalize: true, parent_hash: None, sender: None }
}

/// Runs the sealing task of the fast modes.
///
/// Blocks still carry an Aura pre-digest, because the runtime's Aura pallet expects one, with a
/// slot that always advances: the slot after the parent's, or the current wall-clock slot if that
/// is later. Each block's timestamp is the start of its slot, so the runtime sees consistent
/// time even when many blocks are sealed within one slot.
fn start_local_sealing(
	task_manager: &TaskManager,
	sealing: Sealing,
	client: Arc<FullClient>,
	transaction_pool: Arc<sc_transaction_pool::TransactionPoolHandle<Block, FullClient>>,
	select_chain: FullSelectChain,
	proposer_factory: sc_basic_authorship::ProposerFactory<
		sc_transaction_pool::TransactionPoolHandle<Block, FullClient>,
		FullClient,
	>,
	rpc_commands: mpsc::Receiver<EngineCommand<Hash>>,
) -> Result<(), ServiceError> {
	let slot_duration = sc_consensus_aura::slot_duration(&*client)?;

	// The first block gives the transaction pool a view to validate against, so transactions
	// sent right after start-up don't wait for a block that never comes.
	let first_block = futures::stream::iter([seal_command(true)]);
	let triggers: Pin<Box<dyn Stream<Item = EngineCommand<Hash>> + Send>> = match sealing {
		Sealing::Instant => {
			Box::pin(transaction_pool.import_notification_stream().map(|_| seal_command(false)))
		},
		Sealing::Interval(millis) => Box::pin(futures::stream::unfold((), move |()| async move {
			futures_timer::Delay::new(Duration::from_millis(millis)).await;
			Some((seal_command(true), ()))
		})),
		Sealing::Manual | Sealing::Aura => Box::pin(futures::stream::pending()),
	};
	let commands_stream = first_block.chain(futures::stream::select(rpc_commands, triggers));

	let cidp_client = client.clone();
	let create_inherent_data_providers = move |parent_hash, ()| {
		let client = cidp_client.clone();
		async move {
			let parent = client
				.header(parent_hash)?
				.ok_or_else(|| format!("parent block {parent_hash} is unknown"))?;
			let parent_slot =
				sc_consensus_aura::standalone::find_pre_digest::<Block, AuraSignature>(&parent)
					.map_err(|e| format!("parent block {parent_hash} has no Aura slot: {e:?}"))?;
			let slot_millis = slot_duration.as_millis();
			let now_slot = sp_timestamp::Timestamp::current().as_millis() / slot_millis;
			let slot = now_slot.max(u64::from(parent_slot) + 1);
			Ok(sp_timestamp::InherentDataProvider::new((slot * slot_millis).into()))
		}
	};

	let authorship = sc_consensus_manual_seal::run_manual_seal(ManualSealParams {
		block_import: client.clone(),
		env: proposer_factory,
		client,
		pool: transaction_pool,
		commands_stream,
		select_chain,
		consensus_data_provider: Some(Box::new(AuraConsensusDataProvider::new_with_slot_duration(
			slot_duration,
		))),
		create_inherent_data_providers,
	});
	task_manager.spawn_essential_handle().spawn_blocking(
		"local-sealing",
		Some("block-authoring"),
		authorship,
	);
	Ok(())
}
