package dev.neurona.platform;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Turns on Spring's scheduling, so Boot sets up the one {@code TaskScheduler} (pool and thread names under
 * {@code spring.task.scheduling}) that every periodic task of the service runs on: event-stream polls and the tuning
 * coordinator. No hand-made executors.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class Scheduling {}
