package io.skein.testnet.sim;

import io.skein.testnet.sim.GossipScenarios.Params;
import io.skein.testnet.sim.GossipScenarios.Soak;
import io.skein.testnet.sim.GossipScenarios.Spread;
import io.skein.testnet.sim.GossipScenarios.Start;
import io.skein.testnet.sim.GossipSimBench.Report;
import java.util.Locale;

/** Renders a {@link GossipSimBench.Report} as the Markdown of bench/results/gossip-sim.md. */
final class GossipSimReport {
  private GossipSimReport() {}

  /** The report as Markdown; {@code command} is how it was produced. */
  static String markdown(Report r, String command) {
    Params p = r.params();
    StringBuilder md = new StringBuilder();
    md.append("# Gossip in the simulator: ").append(p.nodes()).append(" nodes\n\n");
    md.append("Measured by `io.skein.testnet.sim.GossipSimBench`: ")
        .append(p.nodes())
        .append(" SWIM + Lifeguard cores (`Swim`, `GossipConfig.lan()`) in the deterministic")
        .append(" simulator (virtual time, message objects, stand-in signatures), links ")
        .append(
            String.format(
                Locale.ROOT,
                "%.1f-%.1f ms one-way",
                p.link().baseDelayNanos() / 1e6,
                (p.link().baseDelayNanos() + p.link().jitterNanos()) / 1e6))
        .append(", nodes started over ")
        .append(seconds(p.startSpreadNanos()))
        .append(" through 3 seeds. Seed ")
        .append(p.seed())
        .append(": the same seed gives the same trace hash.\n\n");
    md.append("Reproduce: `").append(command).append(" -Dskein.sim.seed=").append(p.seed());
    md.append("`\n\n");
    md.append("Machine: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores (shared), Java ")
        .append(System.getProperty("java.version"))
        .append(
            String.format(Locale.ROOT, "; whole run %.0f s of real time.%n%n", r.wallSeconds()));

    md.append("| figure | goal | measured |\n|---|---|---|\n");
    Spread s = r.spread();
    if (s != null) {
      md.append(
          row(
              "one update reaches 99.9% of nodes: a join, p50 / p99 over "
                  + s.joinReachNanos().length
                  + " joins",
              "p99 <= 3 s",
              p50p99(s.joinReachNanos())));
      md.append(
          row(
              "one update reaches 99.9% of nodes: a leave, p50 / p99 over "
                  + s.leaveReachNanos().length
                  + " leaves",
              "p99 <= 3 s",
              p50p99(s.leaveReachNanos())));
      md.append(
          row(
              "crash until every live node declared it dead, p50 / p99 over "
                  + s.deadEverywhereNanos().length
                  + " crashes",
              "",
              p50p99(s.deadEverywhereNanos())));
      md.append(
          row(
              "crash until one node declared it dead, p50 / p99 over "
                  + s.deadObserverNanos().length
                  + " (crash, node) pairs",
              "",
              p50p99(s.deadObserverNanos())));
    }
    for (Soak soak : new Soak[] {r.loss(), r.stall()}) {
      if (soak == null) {
        continue;
      }
      md.append(
          row(
              "false deaths in " + seconds(soak.virtualNanos()) + " virtual, " + soak.name(),
              "0",
              falseDeaths(soak)));
    }
    if (r.stall() != null) {
      md.append(
          row(
              "suspicions Lifeguard avoided in that run (failed probes blamed on the prober)",
              "",
              Long.toString(r.stall().suspicionsAvoided())));
    }
    md.append(
        "\nA false death is a running member declared dead, counted once per member and"
            + " incarnation however many nodes declared it; the reports column counts every"
            + " node's DEAD event about it.\n");

    if (s != null) {
      md.append("\n## Update spread and crash detection\n\n");
      md.append(start(s.start()));
      md.append("Trials one after another on one cluster: each join adds a node; each leave and")
          .append(" crash picks a random running non-seed node. Reach = time from the join, leave")
          .append(" or crash until that share of the other running nodes reported JOINED, LEFT or")
          .append(" DEAD. Nearest-rank percentiles: with 20 trials p99 is the slowest trial.\n\n");
      md.append("| measure | n | min | p50 | p90 | p99 | max |\n|---|---|---|---|---|---|---|\n");
      md.append(dist("join reaches 99.9%", s.joinReachNanos()));
      md.append(dist("leave reaches 99.9%", s.leaveReachNanos()));
      md.append(dist("crash: DEAD at 99.9% of nodes", s.deadReachNanos()));
      md.append(dist("crash: DEAD at every node", s.deadEverywhereNanos()));
      md.append(dist("crash: DEAD at one node", s.deadObserverNanos()));
      md.append(
          String.format(
              Locale.ROOT,
              "%nTrials that did not reach their target within the timeout: %d. DEAD reports about"
                  + " running members during these trials: %d. Simulated in %.0f s of real time,"
                  + " %.0f s of CPU. Trace hash `%s`.%n",
              s.unreached(),
              s.falseDeaths(),
              s.wallSeconds(),
              s.cpuSeconds(),
              s.traceHash()));
    }
    for (Soak soak : new Soak[] {r.loss(), r.stall()}) {
      if (soak == null) {
        continue;
      }
      md.append("\n## Soak: ").append(soak.name()).append("\n\n");
      md.append(start(soak.start()));
      md.append("Counted over ")
          .append(seconds(soak.virtualNanos()))
          .append(" of virtual time after the start converged, over all nodes.\n\n");
      md.append("| count | value |\n|---|---|\n");
      md.append(row2("running members declared dead (per incarnation)", soak.falseDeathEpisodes()));
      md.append(row2("... of them stalling nodes", soak.falseDeathEpisodesOfFaulty()));
      md.append(row2("... of them healthy nodes", soak.falseDeathEpisodesOfHealthy()));
      md.append(row2("DEAD reports about running members (per node)", soak.falseDeathReports()));
      md.append(
          row2("DEAD reports about healthy running members", soak.falseDeathReportsAboutHealthy()));
      md.append(row2("suspicions started (SUSPECT events)", soak.suspicions()));
      md.append(row2("accusations refuted by their subject", soak.refutations()));
      md.append(row2("suspicions Lifeguard avoided", soak.suspicionsAvoided()));
      md.append(row2("ticks handled late (Lifeguard: own health)", soak.deadlinesMissed()));
      md.append(row2("members rejoined (JOINED)", soak.rejoins()));
      md.append(row2("stalls injected", soak.stalls()));
      md.append(row2("messages sent", soak.messages()));
      md.append(
          String.format(
              Locale.ROOT,
              "%nSimulated in %.0f s of real time, %.0f s of CPU (%.0fx faster than real time)."
                  + " Trace hash `%s`.%n",
              soak.wallSeconds(),
              soak.cpuSeconds(),
              soak.virtualNanos() / 1e9 / soak.wallSeconds(),
              soak.traceHash()));
    }
    return md.toString();
  }

  private static String start(Start st) {
    return String.format(
        Locale.ROOT,
        "Start: %d nodes %s %.1f s of virtual time after the first started (%.0f s of real"
            + " time, %.0f s of CPU).%n%n",
        st.nodes(),
        st.converged() ? "converged" : "had NOT converged",
        st.convergeNanos() / 1e9,
        st.wallSeconds(),
        st.cpuSeconds());
  }

  private static String falseDeaths(Soak soak) {
    String s = soak.falseDeathEpisodes() + " (" + soak.falseDeathReports() + " reports)";
    if (soak.stalls() > 0) {
      s +=
          "; "
              + soak.falseDeathEpisodesOfFaulty()
              + " of stalling nodes, "
              + soak.falseDeathEpisodesOfHealthy()
              + " of healthy nodes";
    }
    return s;
  }

  private static String row(String figure, String goal, String measured) {
    return "| " + figure + " | " + goal + " | " + measured + " |\n";
  }

  private static String row2(String name, long value) {
    return "| " + name + " | " + value + " |\n";
  }

  private static String p50p99(long[] values) {
    Percentiles p = GossipScenarios.finished(values);
    if (p.count() == 0) {
      return "no trial finished";
    }
    String unfinished =
        p.count() < values.length ? " (" + (values.length - p.count()) + " unfinished)" : "";
    return secs(p.percentile(50)) + " / " + secs(p.percentile(99)) + unfinished;
  }

  private static String dist(String name, long[] values) {
    Percentiles p = GossipScenarios.finished(values);
    if (p.count() == 0) {
      return "| " + name + " | 0 | | | | | |\n";
    }
    return "| "
        + name
        + " | "
        + p.count()
        + " | "
        + secs(p.min())
        + " | "
        + secs(p.percentile(50))
        + " | "
        + secs(p.percentile(90))
        + " | "
        + secs(p.percentile(99))
        + " | "
        + secs(p.max())
        + " |\n";
  }

  private static String secs(long nanos) {
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }

  private static String seconds(long nanos) {
    long s = nanos / GossipScenarios.SECOND;
    return s % 3600 == 0 && s > 0 ? (s / 3600) + " h" : s + " s";
  }
}
