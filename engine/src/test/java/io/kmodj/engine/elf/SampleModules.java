package io.kmodj.engine.elf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Generates the modern sample system's module files (samples/modern/lib/modules/RELEASE/kernel/
 * **.ko) with {@link ModuleWriter}, from the description table below and the sample's own indexes:
 * aliases from modules.alias, soft dependencies from modules.softdep, exports from modules.symbols,
 * {@code depends=} (the direct dependencies) from modules.dep, with one needed symbol per direct
 * dependency so that depmod finds the same dependencies. Run {@link #main} to regenerate the files
 * in place; {@code SampleModulesTest} fails when a checked-in file differs from what this writes.
 */
public final class SampleModules {
  /** The modern sample's kernel release. */
  public static final String RELEASE = "6.1.0-47-cloud-amd64";

  /** The vermagic of every module of the modern sample. */
  static final String VERMAGIC = RELEASE + " SMP preempt mod_unload modversions ";

  /**
   * A module's description: license, description, author (empty for none), and parameters, each
   * {@code NAME:TYPE:DESCRIPTION}.
   */
  record Module(
      String name, String license, String description, String author, List<String> parms) {}

  private static Module module(
      String name, String license, String description, String author, String... parms) {
    return new Module(name, license, description, author, List.of(parms));
  }

  /** The description table, one module a row. */
  static final List<Module> MODERN =
      List.of(
          module("8021q", "GPL", "802.1Q/802.1ad VLAN Protocol", ""),
          module(
              "auth_rpcgss",
              "GPL",
              "",
              "",
              "expired_cred_retry_delay:uint:Timeout (in seconds) until the RPC engine retries an"
                  + " expired credential",
              "key_expire_timeo:uint:Time (in seconds) at the end of a credential keys lifetime"
                  + " where the NFS layer cleans up prior to key expiration"),
          module("blake2b_generic", "GPL", "BLAKE2b generic implementation", "David Sterba"),
          module(
              "bonding",
              "GPL",
              "Ethernet Channel Bonding Driver, v" + RELEASE,
              "Thomas Davis, tadavis@lbl.gov and many others",
              "max_bonds:int:Max number of bonded devices",
              "num_grat_arp:int:Number of peer notifications to send on failover event (alias of"
                  + " num_unsol_na)",
              "miimon:int:Link check interval in milliseconds",
              "updelay:int:Delay before considering link up, in milliseconds",
              "downdelay:int:Delay before considering link down, in milliseconds",
              "use_carrier:int:Use netif_carrier_ok (vs MII ioctls) in miimon; 0 for off, 1 for"
                  + " on (default)",
              "mode:charp:Mode of operation; 0 for balance-rr, 1 for active-backup, 2 for"
                  + " balance-xor, 3 for broadcast, 4 for 802.3ad, 5 for balance-tlb, 6 for"
                  + " balance-alb",
              "primary:charp:Primary network device to use",
              "lacp_rate:charp:LACPDU tx rate to request from 802.3ad partner; 0 for slow, 1 for"
                  + " fast",
              "arp_interval:int:arp interval in milliseconds",
              "arp_ip_target:array of charp:arp targets in n.n.n.n form"),
          module("btrfs", "GPL", "", ""),
          module(
              "dummy",
              "GPL",
              "Dummy netdevice driver which discards all packets sent to it",
              "",
              "numdummies:int:Number of dummy pseudo devices"),
          module("failover", "GPL v2", "Generic failover infrastructure/interface", ""),
          module("garp", "GPL", "", ""),
          module("grace", "GPL", "", ""),
          module(
              "libcrc32c",
              "GPL",
              "CRC32c (Castagnoli) calculations",
              "Clay Haapala <chaapala@cisco.com>"),
          module(
              "llc",
              "GPL",
              "LLC IEEE 802.2 core support",
              "Procom 1997, Jay Schullist 2001, Arnaldo C. Melo 2001-2003"),
          module(
              "lockd",
              "GPL",
              "NFS file locking service version 0.5.",
              "Olaf Kirch <okir@monad.swb.de>",
              "nsm_use_hostnames:bool:",
              "nlm_max_connections:uint:"),
          module(
              "loop",
              "GPL",
              "",
              "",
              "max_loop:int:Maximum number of loop devices",
              "max_part:int:Maximum number of partitions per loop device",
              "hw_queue_depth:int:Queue depth for each hardware queue. Default: 128"),
          module("mrp", "GPL", "", ""),
          module("net_failover", "GPL v2", "Failover driver for Paravirtual drivers", ""),
          module(
              "nfsd",
              "GPL",
              "In-kernel NFS server",
              "Olaf Kirch <okir@monad.swb.de>",
              "cltrack_prog:charp:Name of the NFSv4 client tracking upcall program",
              "cltrack_legacy_disable:bool:Disable legacy recoverydir conversion. Default: false",
              "nfs4_disable_idmapping:bool:Turn off server's NFSv4 idmapping when using"
                  + " 'sec=sys'"),
          module("nfs_acl", "GPL", "", ""),
          module("raid6_pq", "GPL", "RAID6 Q-syndrome calculations", ""),
          module("stp", "GPL", "", ""),
          module(
              "sunrpc",
              "GPL",
              "",
              "",
              "min_resvport:portnr:",
              "max_resvport:portnr:",
              "tcp_slot_table_entries:slot_table_size:",
              "udp_slot_table_entries:slot_table_size:",
              "auth_hashtable_size:hashtbl_sz:RPC credential cache hashtable size",
              "auth_max_cred_cachesize:ulong:RPC credential maximum total cache size"),
          module(
              "tls", "Dual BSD/GPL", "Transport Layer Security Support", "Mellanox Technologies"),
          module(
              "tun",
              "GPL",
              "Universal TUN/TAP device driver",
              "(C) 1999-2004 Max Krasnyansky <maxk@qualcomm.com>"),
          module("virtio", "GPL", "", ""),
          module(
              "virtio_blk",
              "GPL",
              "Virtio block driver",
              "",
              "num_request_queues:uint:Limit the number of request queues to use for blk device."
                  + " 0 for no limit. Values > nr_cpu_ids truncated to nr_cpu_ids.",
              "poll_queues:uint:The number of dedicated virtqueues for polling I/O",
              "queue_depth:uint:"),
          module(
              "virtio_net",
              "GPL",
              "Virtio network driver",
              "",
              "napi_weight:int:",
              "csum:bool:",
              "gso:bool:",
              "napi_tx:bool:"),
          module(
              "virtio_pci",
              "GPL",
              "virtio-pci",
              "Anthony Liguori <aliguori@us.ibm.com>",
              "force_legacy:bool:Force legacy mode for transitional virtio 1 devices"),
          module(
              "virtio_pci_legacy_dev",
              "GPL",
              "Legacy Virtio PCI Device",
              "Wu Zongyong <wuzongyong@linux.alibaba.com>"),
          module(
              "virtio_pci_modern_dev",
              "GPL",
              "Modern Virtio PCI Device",
              "Jason Wang <jasowang@redhat.com>"),
          module("virtio_ring", "GPL", "", ""),
          module("xor", "GPL", "RAID-5 checksumming functions", "Ingo Molnar, Matti Aarnio"),
          module(
              "xxhash_generic",
              "GPL",
              "xxhash calculations wrapper for lib/xxhash.c",
              "Nikolay Borisov <nborisov@suse.com>"),
          module("zstd_compress", "Dual BSD/GPL", "Zstd Compressor", ""));

  /**
   * The order of the needed symbols of the modules with several direct dependencies, by the module
   * each symbol comes from. depmod sorts a module's dependencies in modules.dep by a topological
   * order that follows these orders; these give the Debian tree's modules.dep lines, but for 8021q,
   * whose {@code mrp} comes last (on the full tree, other users of {@code llc} put it before {@code
   * llc}; no order of these 32 modules does).
   */
  static final Map<String, List<String>> NEED_ORDER =
      Map.of(
          "nfsd", List.of("lockd", "nfs_acl", "auth_rpcgss"),
          "lockd", List.of("sunrpc", "grace"),
          "btrfs", List.of("libcrc32c", "zstd_compress", "raid6_pq", "xor"),
          "virtio_pci",
              List.of("virtio", "virtio_ring", "virtio_pci_modern_dev", "virtio_pci_legacy_dev"),
          "virtio_blk", List.of("virtio_ring", "virtio"),
          "virtio_net", List.of("net_failover", "virtio_ring", "virtio"),
          "8021q", List.of("mrp", "garp"));

  private SampleModules() {}

  private static List<String> needOrder(String name, List<String> direct) {
    List<String> order = NEED_ORDER.get(name);
    if (order == null && direct.size() > 1) {
      throw new IllegalStateException("no NEED_ORDER for " + name + " " + direct);
    }
    if (order == null) {
      return direct;
    }
    if (!new TreeSet<>(order).equals(new TreeSet<>(direct))) {
      throw new IllegalStateException("NEED_ORDER of " + name + " is not " + direct);
    }
    return order;
  }

  /**
   * The module files of a modern sample system, as this generator writes them.
   *
   * @param root the sample system's root (samples/modern)
   * @return each module file's path relative to the release directory, and its bytes, in
   *     modules.dep order
   * @throws IOException when an index cannot be read
   */
  public static Map<String, byte[]> modern(Path root) throws IOException {
    Path dir = root.resolve("lib/modules").resolve(RELEASE);
    Map<String, List<String>> dep = new LinkedHashMap<>();
    for (String line : lines(dir.resolve("modules.dep"))) {
      int colon = line.indexOf(':');
      List<String> deps = new ArrayList<>();
      for (String d : line.substring(colon + 1).strip().split("\\s+", -1)) {
        if (!d.isEmpty()) {
          deps.add(d);
        }
      }
      dep.put(line.substring(0, colon), deps);
    }
    Map<String, List<String>> aliases = byModule(dir.resolve("modules.alias"), "alias ");
    Map<String, List<String>> softdeps = byModule(dir.resolve("modules.softdep"), "softdep ");
    Map<String, Set<String>> exports = new TreeMap<>();
    for (String line : lines(dir.resolve("modules.symbols"))) {
      String[] w = line.split(" ", -1);
      if (w.length == 3 && w[0].equals("alias") && w[1].startsWith("symbol:")) {
        exports.computeIfAbsent(w[2], k -> new TreeSet<>()).add(w[1].substring(7));
      }
    }
    Map<String, Module> table = new LinkedHashMap<>();
    MODERN.forEach(m -> table.put(m.name(), m));
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : dep.entrySet()) {
      String name = name(e.getKey());
      Module m = table.get(name);
      if (m == null) {
        throw new IllegalStateException("no description for " + e.getKey());
      }
      // direct dependencies: those no other dependency already depends on
      Set<String> indirect = new LinkedHashSet<>();
      for (String d : e.getValue()) {
        indirect.addAll(dep.getOrDefault(d, List.of()));
      }
      List<String> direct = new ArrayList<>();
      for (String d : e.getValue()) {
        if (!indirect.contains(d)) {
          direct.add(name(d));
        }
      }
      StringBuilder d = new StringBuilder();
      for (String a : aliases.getOrDefault(name, List.of())) {
        d.append("modinfo: alias=").append(a).append('\n');
      }
      if (!m.description().isEmpty()) {
        d.append("modinfo: description=").append(m.description()).append('\n');
      }
      if (!m.author().isEmpty()) {
        d.append("modinfo: author=").append(m.author()).append('\n');
      }
      d.append("modinfo: license=").append(m.license()).append('\n');
      for (String p : m.parms()) {
        String[] f = p.split(":", 3);
        d.append("modinfo: parmtype=").append(f[0]).append(':').append(f[1]).append('\n');
        if (!f[2].isEmpty()) {
          d.append("modinfo: parm=").append(f[0]).append(':').append(f[2]).append('\n');
        }
      }
      for (String s : softdeps.getOrDefault(name, List.of())) {
        d.append("modinfo: softdep=").append(s).append('\n');
      }
      d.append("modinfo: depends=").append(String.join(",", direct)).append('\n');
      d.append("modinfo: retpoline=Y\nmodinfo: intree=Y\n");
      d.append("modinfo: name=").append(name).append('\n');
      d.append("modinfo: vermagic=").append(VERMAGIC).append('\n');
      for (String x : exports.getOrDefault(name, Set.of())) {
        d.append("export: ").append(x).append('\n');
      }
      for (String x : needOrder(name, direct)) {
        Set<String> theirs = exports.getOrDefault(x, Set.of());
        if (!theirs.isEmpty()) {
          d.append("need: ").append(theirs.iterator().next()).append('\n');
        }
      }
      out.put(e.getKey(), ModuleWriter.describe(d.toString()).write());
    }
    return out;
  }

  /**
   * Regenerates the modern sample's module files in place.
   *
   * @param args the sample system's root (default samples/modern)
   * @throws IOException when a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : "samples/modern");
    Path dir = root.resolve("lib/modules").resolve(RELEASE);
    for (Map.Entry<String, byte[]> e : modern(root).entrySet()) {
      Path target = dir.resolve(e.getKey());
      Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
      Files.write(tmp, e.getValue());
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private static String name(String path) {
    String file = path.substring(path.lastIndexOf('/') + 1);
    return file.substring(0, file.indexOf('.')).replace('-', '_');
  }

  /** Lines "PREFIX VALUE… MODULE" grouped by module, value without the module. */
  private static Map<String, List<String>> byModule(Path file, String prefix) throws IOException {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (String line : lines(file)) {
      if (!line.startsWith(prefix)) {
        continue;
      }
      String rest = line.substring(prefix.length());
      if (prefix.equals("softdep ")) {
        int sp = rest.indexOf(' ');
        map.computeIfAbsent(rest.substring(0, sp), k -> new ArrayList<>())
            .add(rest.substring(sp + 1));
      } else {
        int sp = rest.lastIndexOf(' ');
        map.computeIfAbsent(rest.substring(sp + 1), k -> new ArrayList<>())
            .add(rest.substring(0, sp));
      }
    }
    return map;
  }

  private static List<String> lines(Path file) throws IOException {
    List<String> out = new ArrayList<>();
    for (String l : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
      if (!l.isBlank() && !l.startsWith("#")) {
        out.add(l);
      }
    }
    return out;
  }
}
